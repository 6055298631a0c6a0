package io.coachwork.scheduling.profile;

import io.coachwork.contracts.scheduling.TutorProfileEvent;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.events.SchedulingEvents;
import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Text;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Tutors edit and submit their profile; admins approve or reject it. Every decision is audited and announced. */
@Service
public class ProfileService {

    static final String NOT_FOUND = "Tutor profile not found";

    private final ProfileRepository profiles;
    private final SchedulingEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ProfileService(ProfileRepository profiles, SchedulingEvents events, TransactionalOperator tx, Clock clock) {
        this.profiles = profiles;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public record Decision(String reason) {
    }

    public record ApplicationPage(List<ProfileViews.Application> applications, Pagination pagination) {
    }

    /** The caller's profile, created as a draft on first use. */
    public Mono<TutorProfile> own(CurrentUser tutor) {
        Instant now = now();
        return profiles.insertIfAbsent(TutorProfile.draft(tutor.id(), displayName(tutor), now))
                .then(profiles.find(tutor.id()));
    }

    public Mono<TutorProfile> update(CurrentUser tutor, ProfileEdit edit) {
        if (edit == null || edit.isEmpty()) {
            return Mono.error(ApiException.badRequest("Provide at least one profile field to change"));
        }
        Instant now = now();
        Mono<TutorProfile> change = profiles.insertIfAbsent(TutorProfile.draft(tutor.id(), displayName(tutor), now))
                .then(profiles.lock(tutor.id()))
                .map(p -> edit.applyTo(p, now))
                .onErrorMap(InvalidInput.class, e -> ApiException.invalidField(e.field(), e.getMessage()))
                .flatMap(profiles::update);
        return tx.transactional(change);
    }

    public Mono<TutorProfile> apply(CurrentUser tutor) {
        Instant now = now();
        Mono<TutorProfile> application = profiles.insertIfAbsent(TutorProfile.draft(tutor.id(), displayName(tutor), now))
                .then(profiles.lock(tutor.id()))
                .flatMap(p -> {
                    if (p.status() == ProfileStatus.PENDING) {
                        return Mono.error(ApiException.conflict("Your application is already awaiting review"));
                    }
                    if (p.status() == ProfileStatus.APPROVED) {
                        return Mono.error(ApiException.conflict("Your profile is already approved"));
                    }
                    List<String> missing = p.missingForApplication();
                    if (!missing.isEmpty()) {
                        return Mono.error(new ApiException(HttpStatus.BAD_REQUEST,
                                "Complete your profile before applying: " + String.join(", ", missing) + " missing",
                                missing.stream().map(f -> new ApiResponse.FieldError(f, f + " is required")).toList()));
                    }
                    TutorProfile pending = p.applied(now);
                    return profiles.update(pending)
                            .flatMap(saved -> profiles.audit(p.tutorId(), "applied", tutor.id(), null, now).thenReturn(saved));
                });
        return tx.transactional(application);
    }

    public Mono<ApplicationPage> applications(String status, String page, String limit) {
        PageQuery query = PageQuery.of(page, limit);
        ProfileStatus wanted = status(status);
        return profiles.countByStatus(wanted).flatMap(total -> profiles.listByStatus(wanted, query.limit(), query.offset())
                .collectList()
                .flatMap(rows -> profiles.subjects(rows.stream().map(TutorProfile::tutorId).toList())
                        .map(subjects -> rows.stream()
                                .map(p -> ProfileViews.Application.of(ProfileRepository.with(p,
                                        subjects.getOrDefault(p.tutorId(), List.of()))))
                                .toList()))
                .map(items -> new ApplicationPage(items, Pagination.of(total, query))));
    }

    public Mono<ProfileViews.ApplicationDetail> application(long tutorId) {
        return profiles.find(tutorId)
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_FOUND)))
                .flatMap(p -> profiles.auditLog(tutorId).collectList()
                        .map(log -> new ProfileViews.ApplicationDetail(ProfileViews.Application.of(p),
                                log.stream().map(ProfileViews.AuditView::of).toList())));
    }

    public Mono<TutorProfile> approve(CurrentUser admin, long tutorId) {
        return decide(admin, tutorId, null);
    }

    public Mono<TutorProfile> reject(CurrentUser admin, long tutorId, Decision decision) {
        String reason;
        try {
            reason = Text.required("reason", decision == null ? null : decision.reason(), 1000);
        } catch (InvalidInput e) {
            return Mono.error(ApiException.invalidField(e.field(), e.getMessage()));
        }
        return decide(admin, tutorId, reason);
    }

    /** A null reason approves; a reason rejects. Only a pending application can be decided. */
    private Mono<TutorProfile> decide(CurrentUser admin, long tutorId, String reason) {
        Instant now = now();
        Mono<TutorProfile> decision = profiles.lock(tutorId)
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_FOUND)))
                .flatMap(p -> {
                    if (p.status() != ProfileStatus.PENDING) {
                        return Mono.error(ApiException.conflict("Only a pending application can be decided; this one is "
                                + p.status().value()));
                    }
                    TutorProfile decided = reason == null ? p.approved(now) : p.rejected(reason, now);
                    return profiles.update(decided)
                            .then(profiles.audit(tutorId, reason == null ? "approved" : "rejected", admin.id(), reason, now))
                            .then(events.profileDecided(new TutorProfileEvent(tutorId, decided.status().value(),
                                    decided.displayName(), decided.timeZone(),
                                    decided.subjects().stream().map(TutorProfile.Subject::subject).toList(),
                                    decided.hourlyRateMinor(), decided.currency(), decided.acceptingStudents(),
                                    admin.id(), reason, now)))
                            .thenReturn(decided);
                });
        return tx.transactional(decision);
    }

    private static ProfileStatus status(String value) {
        if (value == null || value.isBlank()) {
            return ProfileStatus.PENDING;
        }
        for (ProfileStatus s : ProfileStatus.values()) {
            if (s.value().equals(value.trim().toLowerCase())) {
                return s;
            }
        }
        throw ApiException.invalidField("status", "status must be one of draft, pending, approved, rejected");
    }

    private static String displayName(CurrentUser user) {
        return user.name() == null || user.name().indexOf('\0') >= 0 ? null
                : user.name().strip().substring(0, Math.min(120, user.name().strip().length()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.coachwork.scheduling.calendly;

import io.coachwork.contracts.scheduling.ScheduleChanged;
import io.coachwork.platform.web.ApiException;
import io.coachwork.scheduling.calendly.CalendlyRepository.Delivery;
import io.coachwork.scheduling.calendly.domain.InviteeEvent;
import io.coachwork.scheduling.events.SchedulingEvents;
import io.coachwork.scheduling.profile.ProfileRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calendly deliveries: stored once per (invitee, event), then applied to the tutor's busy time in a
 * transaction of their own, so a failed apply leaves the delivery stored for the retry job. A create
 * and a cancel of one invitee apply in turn (an advisory lock on the invitee), and a create whose
 * cancel is already stored adds nothing: a cancel that overtook its create still ends with the time free.
 */
@Service
public class CalendlyDeliveries {

    static final String PENDING = "pending";
    static final String APPLIED = "applied";
    static final String IGNORED = "ignored";
    static final String DEAD = "dead";
    /** Published on coachwork.scheduling.schedules whenever a tutor's Calendly busy time changes. */
    public static final String CHANGE = "calendly_busy_changed";

    private static final Logger log = LoggerFactory.getLogger(CalendlyDeliveries.class);

    private final CalendlyRepository repo;
    private final ProfileRepository profiles;
    private final SchedulingEvents events;
    private final CalendlyConfig config;
    private final TransactionalOperator tx;
    private final Clock clock;

    public CalendlyDeliveries(CalendlyRepository repo, ProfileRepository profiles, SchedulingEvents events,
                              CalendlyConfig config, TransactionalOperator tx, Clock clock) {
        this.repo = repo;
        this.profiles = profiles;
        this.events = events;
        this.config = config;
        this.tx = tx;
        this.clock = clock;
    }

    /** What a delivery came to: its row, and whether it repeated one already stored. */
    public record Received(Delivery delivery, boolean duplicate) {
    }

    public Mono<Received> receive(InviteeEvent e, String payload) {
        Instant now = now();
        return tx.transactional(repo.insert(e, payload, now, now.plus(config.lease())))
                .flatMap(stored -> stored.isPresent()
                        ? attempt(stored.get(), now).map(d -> new Received(d, false))
                        : repo.delivery(e.inviteeUri(), e.event()).map(d -> new Received(d, true)));
    }

    /** One attempt at a pending delivery; a failure is recorded (retry later, or dead after the last attempt). */
    Mono<Delivery> attempt(Delivery d, Instant now) {
        return tx.transactional(apply(d.id(), now))
                .onErrorResume(e -> {
                    int attempt = d.attempts() + 1;
                    boolean dead = attempt >= config.maxAttempts();
                    log.warn("Calendly delivery {} ({} {}) failed attempt {}{}: {}", d.id(), d.event(), d.inviteeUri(), attempt,
                            dead ? ", now a dead letter" : "", e.toString());
                    return tx.transactional(repo.failed(d.id(), dead, now.plus(config.backoff(attempt)),
                            "Attempt " + attempt + " failed: " + describe(e), now));
                });
    }

    private Mono<Delivery> apply(long id, Instant now) {
        return repo.lockDelivery(id).flatMap(d -> !PENDING.equals(d.status()) ? Mono.just(d)
                : repo.lockInvitee(d.inviteeUri()).then(d.invitee().created() ? created(d, now) : canceled(d, now)));
    }

    private Mono<Delivery> created(Delivery d, Instant now) {
        InviteeEvent e = d.invitee();
        return repo.connectedUser(e.userUri())
                .flatMap(c -> repo.canceled(e.inviteeUri()).flatMap(canceled -> {
                    if (canceled) {
                        return repo.settle(d.id(), APPLIED, c.tutorId(), "Canceled before it was applied: no busy time", now);
                    }
                    return c.settings().busy(e.eventTypeUri(), e.start(), e.end())
                            // The profile lock orders this with the tutor's slot writes and bookings of their time.
                            .map(busy -> profiles.lock(c.tutorId()).then(repo.addBusy(c.tutorId(), e, busy, now))
                                    .flatMap(added -> added ? changed(c.tutorId(), now) : Mono.empty())
                                    .then(repo.settle(d.id(), APPLIED, c.tutorId(), null, now)))
                            .orElseGet(() -> repo.settle(d.id(), IGNORED, c.tutorId(), null, now));
                }))
                // Calendly is answered 200 either way: retrying would not make the user known.
                .switchIfEmpty(Mono.defer(() -> repo.settle(d.id(), DEAD, null,
                        "No tutor has Calendly user " + e.userUri() + " connected", now)));
    }

    private Mono<Delivery> canceled(Delivery d, Instant now) {
        return repo.removeBusy(d.inviteeUri())
                .flatMap(tutor -> changed(tutor, now).then(repo.settle(d.id(), APPLIED, tutor, null, now)))
                .switchIfEmpty(Mono.defer(() -> repo.settle(d.id(), APPLIED, null, null, now)));
    }

    /** Partners re-read the tutor's bookable times (the event needs the tutor's zone: no profile, no event). */
    Mono<Void> changed(long tutorId, Instant now) {
        return profiles.findSettings(tutorId)
                .flatMap(p -> events.scheduleChanged(new ScheduleChanged(tutorId, null, CHANGE, p.timeZone(), now)));
    }

    /** Pending deliveries whose retry time has come, a batch at a time; each attempt in its own transaction. */
    public Mono<Integer> retryDue(int batch) {
        Instant now = now();
        return tx.transactional(repo.claimDue(now, now.plus(config.lease()), batch))
                .flatMap(claimed -> Flux.fromIterable(claimed)
                        .concatMap(d -> attempt(d, now)).then(Mono.just(claimed.size())));
    }

    /** An admin sends a dead letter round again with a fresh set of attempts; answers what it came to. */
    public Mono<Delivery> replay(long id) {
        Instant now = now();
        return tx.transactional(repo.revive(id, now, now.plus(config.lease())))
                .switchIfEmpty(Mono.defer(() -> repo.delivery(id)
                        .switchIfEmpty(Mono.error(ApiException.notFound("Dead letter not found")))
                        .flatMap(d -> Mono.error(ApiException.conflict("Calendly delivery " + id + " is " + d.status()
                                + ", not a dead letter")))))
                .flatMap(d -> attempt(d, now));
    }

    /** The root cause's message (the database's, not the SQL around it), short enough for the admin list. */
    private static String describe(Throwable e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.coachwork.scheduling.availability;

import io.coachwork.contracts.scheduling.ScheduleChanged;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.scheduling.availability.AvailabilityRequests.HolidayRequest;
import io.coachwork.scheduling.availability.AvailabilityRequests.OverrideRequest;
import io.coachwork.scheduling.availability.AvailabilityRequests.PresetRequest;
import io.coachwork.scheduling.availability.AvailabilityRequests.ScheduleRequest;
import io.coachwork.scheduling.availability.ScheduleRepository.StoredSchedule;
import io.coachwork.scheduling.availability.domain.DateOverride;
import io.coachwork.scheduling.availability.domain.Holiday;
import io.coachwork.scheduling.availability.domain.WeeklyBlock;
import io.coachwork.scheduling.availability.domain.WeeklySchedule;
import io.coachwork.scheduling.events.SchedulingEvents;
import io.coachwork.scheduling.profile.ProfileRepository;
import io.coachwork.scheduling.profile.TutorProfile;
import io.coachwork.scheduling.support.Text;
import io.coachwork.scheduling.support.Violations;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A tutor's weekly availability (seeds 001, 003, 004): named schedules (one default) in the tutor's
 * zone, presets, date overrides and holidays. Each change runs under the tutor's profile lock and is
 * announced on {@code coachwork.scheduling.schedules}.
 */
@Service
public class ScheduleService {

    static final String NOT_FOUND = "Schedule not found";

    private final ScheduleRepository schedules;
    private final ProfileRepository profiles;
    private final SchedulingEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ScheduleService(ScheduleRepository schedules, ProfileRepository profiles, SchedulingEvents events,
                           TransactionalOperator tx, Clock clock) {
        this.schedules = schedules;
        this.profiles = profiles;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<List<ScheduleViews.ScheduleView>> list(CurrentUser tutor) {
        return profileZone(tutor).flatMap(zone -> schedules.ofTutor(tutor.id())
                .map(list -> list.stream().map(s -> ScheduleViews.ScheduleView.of(s, zone)).toList()));
    }

    public Mono<ScheduleViews.ScheduleView> create(CurrentUser tutor, ScheduleRequest request) {
        if (request == null) {
            return Mono.error(ApiException.badRequest("A schedule needs a name and blocks or a preset"));
        }
        return write(tutor, (profile, now) -> {
            String name = Text.required("name", request.name(), 80);
            List<WeeklyBlock> blocks = request.weeklyBlocks();
            WeeklySchedule checked = new WeeklySchedule(name, ZoneId.of(profile.timeZone()), blocks == null ? List.of() : blocks);
            return schedules.nameTaken(tutor.id(), name, 0).flatMap(taken -> taken
                    ? Mono.error(ApiException.invalidField("name", "You already have a schedule named " + name))
                    : schedules.ofTutor(tutor.id()).flatMap(existing -> {
                        boolean makeDefault = existing.isEmpty() || Boolean.TRUE.equals(request.isDefault());
                        return schedules.insert(tutor.id(), name, false, now)
                                .flatMap(id -> schedules.replaceBlocks(id, checked.blocks(), now)
                                        .then(makeDefault ? schedules.makeDefault(tutor.id(), id, now) : Mono.empty())
                                        .thenReturn(id));
                    }))
                    .flatMap(id -> changed(tutor, profile, id, "created", now));
        });
    }

    /** Renames and/or replaces the blocks (outright or from a preset); {@code is_default: true} makes it the default. */
    public Mono<ScheduleViews.ScheduleView> update(CurrentUser tutor, long id, ScheduleRequest request) {
        if (request == null || (request.name() == null && request.blocks() == null && request.preset() == null
                && request.isDefault() == null)) {
            return Mono.error(ApiException.badRequest("Provide name, blocks, preset or is_default"));
        }
        return write(tutor, (profile, now) -> owned(tutor, id).flatMap(current -> {
            String name = request.name() == null ? current.name() : Text.required("name", request.name(), 80);
            List<WeeklyBlock> blocks = request.weeklyBlocks();
            WeeklySchedule checked = new WeeklySchedule(name, ZoneId.of(profile.timeZone()),
                    blocks == null ? current.blocks() : blocks);
            Mono<Void> rename = name.equals(current.name()) ? Mono.empty()
                    : schedules.nameTaken(tutor.id(), name, id).flatMap(taken -> taken
                    ? Mono.error(ApiException.invalidField("name", "You already have a schedule named " + name))
                    : schedules.rename(id, name, now));
            Mono<Void> replace = blocks == null ? Mono.empty() : schedules.replaceBlocks(id, checked.blocks(), now);
            Mono<Void> makeDefault = Boolean.TRUE.equals(request.isDefault()) ? schedules.makeDefault(tutor.id(), id, now)
                    : Mono.empty();
            String change = blocks != null ? (request.preset() != null ? "preset_applied" : "blocks_replaced")
                    : Boolean.TRUE.equals(request.isDefault()) ? "default_changed" : "blocks_replaced";
            return rename.then(replace).then(makeDefault).then(changed(tutor, profile, id, change, now));
        }));
    }

    public Mono<ScheduleViews.ScheduleView> applyPreset(CurrentUser tutor, long id, PresetRequest preset) {
        return update(tutor, id, new ScheduleRequest(null, null, null,
                preset == null ? new PresetRequest(null, null) : preset));
    }

    public Mono<Void> delete(CurrentUser tutor, long id) {
        return write(tutor, (profile, now) -> owned(tutor, id).flatMap(current -> schedules.ofTutor(tutor.id())
                .flatMap(all -> current.isDefault() && all.size() > 1
                        ? Mono.error(ApiException.conflict("Make another schedule the default before deleting this one"))
                        : schedules.delete(id).then(announce(tutor, profile, id, "deleted", now)).thenReturn(true))))
                .then();
    }

    public Mono<ScheduleViews.ScheduleView> setOverride(CurrentUser tutor, long id, String date, OverrideRequest request) {
        return write(tutor, (profile, now) -> {
            LocalDate day = AvailabilityRequests.date("date", date);
            DateOverride override = new DateOverride(day, request == null ? null : request.ranges());
            return owned(tutor, id).flatMap(s -> schedules.setOverride(id, override, now))
                    .then(changed(tutor, profile, id, "override_set", now));
        });
    }

    public Mono<ScheduleViews.ScheduleView> removeOverride(CurrentUser tutor, long id, String date) {
        return write(tutor, (profile, now) -> {
            LocalDate day = AvailabilityRequests.date("date", date);
            return owned(tutor, id).flatMap(s -> schedules.removeOverride(id, day, now))
                    .flatMap(n -> n == 0 ? Mono.error(ApiException.notFound("No override on " + day))
                            : changed(tutor, profile, id, "override_removed", now));
        });
    }

    public Mono<List<ScheduleViews.HolidayView>> holidays(CurrentUser tutor) {
        return profiles.find(tutor.id())
                .map(p -> LocalDate.ofInstant(clock.instant(), ZoneId.of(p.timeZone())))
                .defaultIfEmpty(LocalDate.ofInstant(clock.instant(), ZoneId.of("UTC")))
                .flatMap(today -> schedules.holidays(tutor.id(), today))
                .map(list -> list.stream().map(ScheduleViews.HolidayView::of).toList());
    }

    public Mono<ScheduleViews.HolidayView> addHoliday(CurrentUser tutor, HolidayRequest request) {
        if (request == null) {
            return Mono.error(ApiException.badRequest("A holiday needs from and to dates"));
        }
        return write(tutor, (profile, now) -> {
            LocalDate from = AvailabilityRequests.date("from", request.from());
            LocalDate to = request.to() == null ? from : AvailabilityRequests.date("to", request.to());
            Holiday holiday = new Holiday(from, to);
            if (to.isAfter(from.plusYears(1))) {
                return Mono.error(ApiException.invalidField("to", "A holiday lasts at most a year"));
            }
            String note = Text.optional("note", request.note(), 200);
            return schedules.insertHoliday(tutor.id(), holiday, note, now)
                    .flatMap(h -> announce(tutor, profile, null, "holiday_added", now).thenReturn(ScheduleViews.HolidayView.of(h)));
        });
    }

    public Mono<Void> deleteHoliday(CurrentUser tutor, long id) {
        return write(tutor, (profile, now) -> schedules.deleteHoliday(tutor.id(), id)
                .flatMap(n -> n == 0 ? Mono.error(ApiException.notFound("Holiday not found"))
                        : announce(tutor, profile, null, "holiday_removed", now).thenReturn(true)))
                .then();
    }

    /** Runs a change in one transaction under the tutor's profile lock; domain refusals become 400/409. */
    private <T> Mono<T> write(CurrentUser tutor, BiFunction<TutorProfile, Instant, Mono<T>> change) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Mono<T> work = profiles.insertIfAbsent(TutorProfile.draft(tutor.id(), null, now))
                .then(profiles.lock(tutor.id()))
                .flatMap(profile -> Mono.defer(() -> change.apply(profile, now)));
        return tx.transactional(work).onErrorMap(Violations::toApi);
    }

    private Mono<StoredSchedule> owned(CurrentUser tutor, long id) {
        return schedules.find(id)
                .filter(s -> s.tutorId() == tutor.id())
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_FOUND)));
    }

    private Mono<ScheduleViews.ScheduleView> changed(CurrentUser tutor, TutorProfile profile, long id, String change,
                                                     Instant now) {
        return announce(tutor, profile, id, change, now)
                .then(schedules.find(id))
                .map(s -> ScheduleViews.ScheduleView.of(s, profile.timeZone()));
    }

    private Mono<Void> announce(CurrentUser tutor, TutorProfile profile, Long scheduleId, String change, Instant now) {
        return events.scheduleChanged(new ScheduleChanged(tutor.id(), scheduleId, change, profile.timeZone(), now));
    }

    private Mono<String> profileZone(CurrentUser tutor) {
        return profiles.find(tutor.id()).map(TutorProfile::timeZone).defaultIfEmpty("UTC");
    }
}

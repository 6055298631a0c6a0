package io.coachwork.scheduling.slots;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.scheduling.availability.domain.BookableTime;
import io.coachwork.scheduling.availability.domain.BookingRules;
import io.coachwork.scheduling.availability.domain.Busy;
import io.coachwork.scheduling.availability.domain.SessionType;
import io.coachwork.scheduling.profile.TutorProfile;
import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Numbers;
import io.coachwork.scheduling.support.Text;
import io.coachwork.scheduling.support.Violations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * One notion of bookable time for both seeds: a tutor's explicit slots with a seat left (002) and the
 * times generated from their default weekly schedule (001/004) at their increment, minus overrides,
 * holidays, every slot and the tutor's Calendly busy time (widened by the buffers), after the minimum notice
 * and within four weeks. Explicit slots overlapping Calendly busy time are hidden while it lasts.
 * Each is shown in the tutor's zone and the student's.
 */
@Service
public class SlotSearch {

    /** The widest from..to a search may ask for: seed 002's four weeks (the default is exactly that). */
    static final long MAX_WINDOW_DAYS = BookingRules.FOUR_WEEKS.toDays();

    private final SearchSnapshots snapshots;
    private final Clock clock;

    public SlotSearch(SearchSnapshots snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** What a student asked for, unparsed. */
    public record Query(String from, String to, String sessionType, String tz, String durationMinutes) {
    }

    public Mono<SlotViews.Search> search(CurrentUser caller, long tutorId, Query q) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return snapshots.of(tutorId, now).flatMap(snapshot -> {
            TutorProfile profile = snapshot.profile()
                    .filter(p -> p.listed() || (caller != null && caller.id() == tutorId))
                    .orElseThrow(() -> ApiException.notFound("Tutor not found"));
            return Mono.fromCallable(() -> Window.of(profile, caller, q, now))
                    .onErrorMap(Violations::toApi)
                    .map(w -> find(snapshot, profile, w, now));
        });
    }

    /** The parsed request: instants [from, to) clipped to now .. now + 4 weeks, zones, type and duration. */
    record Window(Instant from, Instant to, String fromDate, String toDate, ZoneId tutorZone, ZoneId studentZone,
                  SessionType type, int minutes) {

        static Window of(TutorProfile profile, CurrentUser caller, Query q, Instant now) {
            ZoneId tutorZone = ZoneId.of(profile.timeZone());
            ZoneId student = q.tz() != null && !q.tz().isBlank() ? Text.zone("tz", q.tz())
                    : caller != null && caller.timeZone() != null && ZoneId.getAvailableZoneIds().contains(caller.timeZone())
                    ? ZoneId.of(caller.timeZone()) : tutorZone;
            Instant horizon = now.plus(BookingRules.FOUR_WEEKS);
            LocalDate fromDate = q.from() == null || q.from().isBlank() ? LocalDate.ofInstant(now, student)
                    : date("from", q.from());
            LocalDate toDate = q.to() == null || q.to().isBlank() ? LocalDate.ofInstant(horizon, student)
                    : date("to", q.to());
            if (toDate.isBefore(fromDate)) {
                throw new InvalidInput("to", "to must not be before from");
            }
            // Slots are only ever offered four weeks ahead; a longer window is a mistake, not a bigger answer.
            if (ChronoUnit.DAYS.between(fromDate, toDate) > MAX_WINDOW_DAYS) {
                throw new InvalidInput("to", "to must be at most " + MAX_WINDOW_DAYS + " days after from");
            }
            Instant from = max(now, fromDate.atStartOfDay(student).toInstant());
            Instant to = min(horizon, toDate.plusDays(1).atStartOfDay(student).toInstant());
            SessionType type = q.sessionType() == null || q.sessionType().isBlank() ? null
                    : SessionType.parse(q.sessionType().strip().toUpperCase());
            int minutes = profile.defaultDuration();
            if (q.durationMinutes() != null && !q.durationMinutes().isBlank()) {
                try {
                    minutes = Numbers.whole("duration_minutes", new BigDecimal(q.durationMinutes().strip()), 1, 24 * 60);
                } catch (NumberFormatException e) {
                    throw new InvalidInput("duration_minutes", "duration_minutes must be a whole number");
                }
                profile.bookingRules().requireAllowedDuration(minutes);
            }
            return new Window(from, to, fromDate.toString(), toDate.toString(), tutorZone, student, type, minutes);
        }
    }

    private static SlotViews.Search find(SearchSnapshots.Snapshot snapshot, TutorProfile profile, Window w, Instant now) {
        Instant earliest = now.plus(profile.bookingRules().minimumNotice());
        if (!w.from().isBefore(w.to())) {
            return result(profile, w, List.of(), List.of());
        }
        // Every slot near the window blocks generated times; those with a seat left are offered themselves.
        Instant busyFrom = w.from().minus(Duration.ofDays(1));
        Instant busyTo = w.to().plus(Duration.ofDays(1));
        SearchSnapshots.Near near = snapshot.startingBetween(busyFrom, busyTo);
        List<Busy> external = snapshot.calendlyBetween(busyFrom, busyTo);
        return result(profile, w, explicit(near.slots(), near.times(), external, w, earliest),
                w.type() == SessionType.GROUP ? List.of() : generated(snapshot, profile, w, now));
    }

    /**
     * Explicit slots of the asked type with a seat left, starting in the window after the notice, and not
     * overlapping the tutor's Calendly busy time (such slots are hidden, not deleted: they return when it frees).
     */
    private static List<SlotViews.SlotView> explicit(List<StoredSlot> all, List<Busy> times, List<Busy> external, Window w,
                                                     Instant earliest) {
        List<SlotViews.SlotView> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            StoredSlot s = all.get(i);
            Instant start = times.get(i).start();
            if ((w.type() == null || s.slot().sessionType() == w.type()) && s.seatsLeft() > 0
                    && !start.isBefore(earliest) && !start.isBefore(w.from()) && start.isBefore(w.to())
                    && !overlaps(external, start, times.get(i).end())) {
                out.add(SlotViews.SlotView.of(s, start, times.get(i).end(), w.studentZone()));
            }
        }
        return out;
    }

    /** Whether [start, end) meets any of {@code busy} (in start order, as the repository reads them). */
    static boolean overlaps(List<Busy> busy, Instant start, Instant end) {
        for (Busy b : busy) {
            if (!b.start().isBefore(end)) {
                return false;
            }
            if (b.end().isAfter(start)) {
                return true;
            }
        }
        return false;
    }

    /** The snapshot's generated times starting in [max(from, now + notice), min(to, now + horizon)). */
    private static List<SlotViews.GeneratedTime> generated(SearchSnapshots.Snapshot snapshot, TutorProfile profile,
                                                           Window w, Instant now) {
        BookingRules rules = profile.bookingRules();
        Instant lower = max(w.from(), now.plus(rules.minimumNotice()));
        Instant upper = min(w.to(), now.plus(rules.horizon()));
        List<BookableTime> all = snapshot.generated(w.minutes());
        int first = firstStartingAtOrAfter(all, lower);
        int end = firstStartingAtOrAfter(all, upper);
        return first >= end ? List.of()
                : SlotViews.GeneratedTime.all(all.subList(first, end), w.minutes(), w.tutorZone(), w.studentZone());
    }

    /** Index of the first time (in start order) starting at or after {@code at}; the size if none does. */
    private static int firstStartingAtOrAfter(List<BookableTime> times, Instant at) {
        int low = 0;
        int high = times.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times.get(mid).start().isBefore(at)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static SlotViews.Search result(TutorProfile p, Window w, List<SlotViews.SlotView> explicit,
                                           List<SlotViews.GeneratedTime> generated) {
        return new SlotViews.Search(p.tutorId(), w.tutorZone().getId(), w.studentZone().getId(), w.fromDate(), w.toDate(),
                explicit, generated);
    }

    private static LocalDate date(String field, String text) {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new InvalidInput(field, field + " must be a date as YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, field + " must be a date as YYYY-MM-DD");
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

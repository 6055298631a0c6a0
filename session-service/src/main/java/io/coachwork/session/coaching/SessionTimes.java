package io.coachwork.session.coaching;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Time rules of coaching sessions, free of any framework.
 * <ul>
 *   <li>A session's window is whole minutes: a partial minute counts as a whole one.</li>
 *   <li>It lasts at most {@link #MAX_DURATION_MINUTES}, cannot start in the past (a minute of
 *       grace absorbs the delay between a client's "now" and ours) nor further ahead than the
 *       configured horizon. Both bounds are checked on instants before any minute arithmetic, so
 *       no date a client can write overflows it.</li>
 *   <li>Used minutes are the actual minutes rounded up, never more than reserved.</li>
 *   <li>Warnings go out at the settings' threshold and at {@link #FINAL_WARNING_MINUTES} before the
 *       end, each once; a run that comes late sends only the most urgent one.</li>
 * </ul>
 */
public final class SessionTimes {

    public static final int MAX_DURATION_MINUTES = 480;
    public static final int FINAL_WARNING_MINUTES = 5;
    static final Duration PAST_START_GRACE = Duration.ofMinutes(1);
    private static final long MINUTE_MILLIS = 60_000;

    private SessionTimes() {
    }

    /** The validated window of a new session. */
    public record Window(Instant start, Instant end, int durationMinutes) {
    }

    /** A time warning to send: the warning point reached and the minutes really left. */
    public record Warning(int point, int minutesLeft) {
    }

    /**
     * Validates a new session's times. {@code end} may be omitted: the session then lasts the
     * settings' default duration. {@code maxStartAhead} is how far ahead a session may start.
     */
    public static Window window(String start, String end, Instant now, int defaultDurationMinutes,
                                Duration maxStartAhead) {
        Instant startTime = parse("start_time", start);
        if (startTime.isBefore(now.minus(PAST_START_GRACE))) {
            throw new SessionRuleViolation("start_time", "start_time cannot be in the past");
        }
        if (startTime.isAfter(now.plus(maxStartAhead))) {
            throw new SessionRuleViolation("start_time",
                    "start_time can be at most " + maxStartAhead.toDays() + " days ahead");
        }
        Instant endTime = end == null || end.isBlank()
                ? startTime.plus(Duration.ofMinutes(defaultDurationMinutes)) : parse("end_time", end);
        if (!endTime.isAfter(startTime)) {
            throw new SessionRuleViolation("end_time", "end_time must be after start_time");
        }
        if (Duration.between(startTime, endTime).compareTo(Duration.ofMinutes(MAX_DURATION_MINUTES)) > 0) {
            throw new SessionRuleViolation("end_time",
                    "A session can last at most " + MAX_DURATION_MINUTES / 60 + " hours");
        }
        return new Window(startTime, endTime, wholeMinutes(Duration.between(startTime, endTime)));
    }

    /** Minutes used between the actual start and end: rounded up, capped at what was reserved. */
    public static int usedMinutes(Instant actualStart, Instant actualEnd, int reservedMinutes) {
        if (actualStart == null || actualEnd == null || !actualEnd.isAfter(actualStart)) {
            return 0;
        }
        Duration actual = Duration.between(actualStart, actualEnd);
        return actual.compareTo(Duration.ofMinutes(reservedMinutes)) >= 0 ? reservedMinutes : wholeMinutes(actual);
    }

    /** Whether the time tracker ends an active session now. */
    public static boolean autoEndDue(Instant endTime, Instant now, boolean autoEndEnabled) {
        return autoEndEnabled && !now.isBefore(endTime);
    }

    /** The warning points for a threshold: the threshold itself and the final five minutes below it. */
    public static List<Integer> warningPoints(int thresholdMinutes) {
        return thresholdMinutes > FINAL_WARNING_MINUTES
                ? List.of(thresholdMinutes, FINAL_WARNING_MINUTES) : List.of(thresholdMinutes);
    }

    /**
     * The warning to send now, if any: the tightest point already reached, unless that point or a
     * tighter one was sent before (so none repeats, and a late run does not send stale ones).
     */
    public static Optional<Warning> dueWarning(Instant endTime, Instant now, int thresholdMinutes,
                                               Collection<Integer> sentPoints) {
        long leftMillis = Duration.between(now, endTime).toMillis();
        if (leftMillis <= 0) {
            return Optional.empty();
        }
        Optional<Integer> due = warningPoints(thresholdMinutes).stream()
                .filter(point -> leftMillis <= point * MINUTE_MILLIS)
                .min(Integer::compare);
        if (due.isEmpty() || sentPoints.stream().anyMatch(sent -> sent <= due.get())) {
            return Optional.empty();
        }
        int minutesLeft = (int) Math.min(due.get(), (leftMillis + MINUTE_MILLIS - 1) / MINUTE_MILLIS);
        return Optional.of(new Warning(due.get(), minutesLeft));
    }

    /** Minutes rounded up to the nanosecond: a window of a few nanoseconds still counts one minute. */
    static int wholeMinutes(Duration duration) {
        Duration whole = duration.truncatedTo(ChronoUnit.MINUTES);
        return Math.toIntExact(whole.toMinutes() + (whole.equals(duration) ? 0 : 1));
    }

    private static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new SessionRuleViolation(field, field + " is required");
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeException e) {
            throw new SessionRuleViolation(field,
                    field + " must be an ISO-8601 date-time such as 2024-01-20T14:00:00.000Z");
        }
    }
}

package io.coachwork.notification.reminder;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * When reminders go out. A session gets the reminders whose time is still ahead when it is
 * scheduled (one created 3 hours before its start gets only the 1-hour reminder: the invitation
 * has just told everyone the time). A reminder that comes due is sent unless a closer one is due
 * too, or the session has already begun; then it is stale and skipped, so a job that ran late
 * never sends a "starts in 24 hours" next to a "starts in 1 hour".
 */
public final class ReminderRules {

    private ReminderRules() {
    }

    public record Planned(ReminderKind kind, Instant dueAt) {
    }

    public enum Decision { NOT_DUE, SEND, STALE }

    public static List<Planned> plan(Instant start, Instant now) {
        return Arrays.stream(ReminderKind.values())
                .map(kind -> new Planned(kind, start.minus(kind.lead())))
                .filter(planned -> planned.dueAt().isAfter(now))
                .toList();
    }

    public static Decision decide(ReminderKind kind, Instant start, Instant now) {
        if (now.isBefore(start.minus(kind.lead()))) {
            return Decision.NOT_DUE;
        }
        if (!now.isBefore(start)) {
            return Decision.STALE;
        }
        boolean closerOneDue = Arrays.stream(ReminderKind.values())
                .anyMatch(other -> other.lead().compareTo(kind.lead()) < 0 && !now.isBefore(start.minus(other.lead())));
        return closerOneDue ? Decision.STALE : Decision.SEND;
    }
}

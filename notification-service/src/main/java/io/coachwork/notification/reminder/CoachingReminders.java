package io.coachwork.notification.reminder;

import io.coachwork.notification.coaching.CoachingSession;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reminders of coaching sessions (seed 000): the tutor and every invited student. */
@Component
public class CoachingReminders implements ReminderSource<CoachingSession> {

    private final ReminderRepository reminders;
    private final Links links;

    public CoachingReminders(ReminderRepository reminders, Links links) {
        this.reminders = reminders;
        this.links = links;
    }

    @Override
    public Mono<List<Due<CoachingSession>>> claimDue(Instant now, int limit) {
        return reminders.claimDue(now, limit);
    }

    @Override
    public Mono<Void> markProcessed(Due<CoachingSession> due, String outcome, Instant now) {
        return reminders.markProcessed(due.session().sessionId(), due.kind(), outcome, now);
    }

    @Override
    public List<Notice> notices(Due<CoachingSession> due, Instant now) {
        return ReminderNotices.notices(due.session(), due.kind(), now, links);
    }
}

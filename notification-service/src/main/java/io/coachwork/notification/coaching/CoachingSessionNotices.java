package io.coachwork.notification.coaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.coaching.CoachingSessionEvent;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import io.coachwork.notification.reminder.ReminderRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Coaching-session events from session-service. Each event first updates what is known about the
 * session (participants, time, status) and its reminders (kept for the current start time while
 * it is scheduled, dropped once it starts, ends or is cancelled), then becomes notices.
 */
@Component
public class CoachingSessionNotices implements NoticeMapping<CoachingSessionEvent> {

    private final CoachingSessionRepository sessions;
    private final ReminderRepository reminders;
    private final Links links;
    private final Clock clock;

    public CoachingSessionNotices(CoachingSessionRepository sessions, ReminderRepository reminders, Links links,
                                  Clock clock) {
        this.sessions = sessions;
        this.reminders = reminders;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return Topics.COACHING_SESSIONS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.COACHING_SESSION_CREATED, EventTypes.COACHING_SESSION_STUDENTS_INVITED,
                EventTypes.COACHING_SESSION_STARTED, EventTypes.COACHING_SESSION_TIME_WARNING,
                EventTypes.COACHING_SESSION_ENDED, EventTypes.COACHING_SESSION_CANCELLED);
    }

    @Override
    public Class<CoachingSessionEvent> payloadType() {
        return CoachingSessionEvent.class;
    }

    @Override
    public Mono<List<Notice>> notices(SourceEvent<CoachingSessionEvent> event) {
        Instant now = clock.instant();
        String status = CoachingSessionRules.statusAfter(event.type(), event.data().status());
        return sessions.apply(event.data(), status, now)
                .flatMap(session -> reminders.follow(session, now)
                        .thenReturn(CoachingSessionRules.notices(event.id(), event.type(), event.data(), session, links)));
    }
}

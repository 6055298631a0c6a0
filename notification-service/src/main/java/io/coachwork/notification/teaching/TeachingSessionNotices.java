package io.coachwork.notification.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NoticeMapping;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Teaching-session events from session-service (issue 10). Each event first updates what is known
 * about the session (who is booked, when, when it started) and its reminders, then becomes the
 * notices {@link TeachingSessionRules} describes.
 */
@Component
public class TeachingSessionNotices implements NoticeMapping<TeachingSessionEvent> {

    private final TeachingSessionRepository sessions;
    private final TeachingReminders reminders;
    private final Links links;
    private final Clock clock;

    public TeachingSessionNotices(TeachingSessionRepository sessions, TeachingReminders reminders, Links links,
                                  Clock clock) {
        this.sessions = sessions;
        this.reminders = reminders;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return Topics.TEACHING_SESSIONS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.TEACHING_SESSION_SCHEDULED, EventTypes.TEACHING_PARTICIPANT_JOINED,
                EventTypes.TEACHING_PARTICIPANT_LEFT, EventTypes.TEACHING_SESSION_STARTING,
                EventTypes.TEACHING_SESSION_STARTED, EventTypes.TEACHING_SESSION_COMPLETED,
                EventTypes.TEACHING_SESSION_CANCELLED, EventTypes.TEACHING_SESSION_NO_SHOW,
                EventTypes.TEACHING_SESSION_MESSAGE, EventTypes.TEACHING_SESSION_FILE);
    }

    @Override
    public Class<TeachingSessionEvent> payloadType() {
        return TeachingSessionEvent.class;
    }

    @Override
    public Mono<List<Notice>> notices(SourceEvent<TeachingSessionEvent> event) {
        Instant now = clock.instant();
        TeachingSessionEvent data = event.data();
        Instant startedAt = EventTypes.TEACHING_SESSION_STARTED.equals(event.type())
                ? (data.occurredAt() != null ? data.occurredAt() : now) : null;
        return sessions.apply(data, startedAt, now)
                .flatMap(session -> reminders.follow(session, now)
                        .thenReturn(TeachingSessionRules.notices(event.id(), event.type(), data, session, links)));
    }
}

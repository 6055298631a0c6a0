package io.coachwork.session.coaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.coaching.CoachingSessionEvent;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.session.stream.StreamProperties;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes {@code coachwork.coaching.session.*} events to the outbox, inside the caller's transaction.
 * Each carries everything a notification needs (who, when, where to join); {@code studentIds} is
 * every participant, except on students_invited where it is only the newly invited.
 */
@Component
public class SessionEvents {

    public static final String ENDED_BY_TUTOR = "ended_by_tutor";
    public static final String AUTO_END = "auto_end";
    public static final String CANCELLED_BY_TUTOR = "cancelled_by_tutor";
    public static final String NOT_STARTED = "not_started";
    /** Ended at start: the tutor's plan lapsed since booking and the hours are not there. */
    public static final String HOURS_UNAVAILABLE = "hours_unavailable";

    private final OutboxWriter outbox;
    private final StreamProperties stream;

    public SessionEvents(OutboxWriter outbox, StreamProperties stream) {
        this.outbox = outbox;
        this.stream = stream;
    }

    public Mono<Void> created(CoachingSession s, List<Long> studentIds) {
        return publish(EventTypes.COACHING_SESSION_CREATED, s, studentIds, null, null);
    }

    public Mono<Void> studentsInvited(CoachingSession s, List<Long> newStudentIds) {
        return publish(EventTypes.COACHING_SESSION_STUDENTS_INVITED, s, newStudentIds, null, null);
    }

    public Mono<Void> started(CoachingSession s, List<Long> studentIds) {
        return publish(EventTypes.COACHING_SESSION_STARTED, s, studentIds, null, null);
    }

    public Mono<Void> timeWarning(CoachingSession s, List<Long> studentIds, int minutesLeft) {
        return publish(EventTypes.COACHING_SESSION_TIME_WARNING, s, studentIds, (long) minutesLeft, null);
    }

    public Mono<Void> ended(CoachingSession s, List<Long> studentIds, String reason) {
        return publish(EventTypes.COACHING_SESSION_ENDED, s, studentIds, null, reason);
    }

    public Mono<Void> cancelled(CoachingSession s, List<Long> studentIds, String reason) {
        return publish(EventTypes.COACHING_SESSION_CANCELLED, s, studentIds, null, reason);
    }

    /**
     * A creation the wallet refused after the tutor was told "202, being created": the outcome
     * reaches them as a cancellation with status {@code failed}. No student was ever told of it.
     */
    public Mono<Void> failed(CoachingSession s) {
        return publish(EventTypes.COACHING_SESSION_CANCELLED, s, List.of(), null, s.failureReason());
    }

    private Mono<Void> publish(String type, CoachingSession s, List<Long> studentIds, Long minutesLeft, String reason) {
        CoachingSessionEvent event = new CoachingSessionEvent(s.id(), s.tutorId(), s.title(), s.status().value(),
                s.startTime(), s.endTime(), s.streamCallId(), stream.viewLink(s.streamCallId()), List.copyOf(studentIds),
                minutesLeft, (long) s.minutesReserved(),
                s.minutesUsed() != null ? (long) s.minutesUsed() : null, reason);
        return outbox.append(Topics.COACHING_SESSIONS, Long.toString(s.id()), type, event).then();
    }
}

package io.coachwork.contracts.teaching;

import java.time.Instant;

/**
 * Commands scheduling-service's booking sagas send to session-service on {@code coachwork.session.commands}
 * (key = teaching session id, so one session's commands apply in order). Session-service applies each at
 * most once per {@code (sagaId, command type)} and answers a repeat with the first reply. A teaching
 * session's id is chosen by scheduling-service (one per slot, assigned when the slot's first seat is held).
 */
public final class TeachingCommands {

    private TeachingCommands() {
    }

    /**
     * A booking is paid: create the slot's teaching session if it does not exist yet (status SCHEDULED,
     * channel name chosen by session-service) and add the student as a BOOKED participant (idempotent per
     * booking id). Replies {@link TeachingReplies.TeachingParticipantAdded}, or
     * {@link TeachingReplies.TeachingParticipantRefused} when the session is cancelled, over, or full.
     * {@code sessionType} is ONE_TO_ONE or GROUP; times are UTC instants; {@code timezone} is the tutor's.
     */
    public record AddTeachingParticipant(String sagaId, String sessionId, long slotId, long tutorId,
                                         String sessionType, int maxParticipants, Instant startsAt, Instant endsAt,
                                         String timezone, String title, String bookingId, long studentId,
                                         String replyTopic) {
    }

    /** A student's booking was cancelled: their participant row becomes CANCELLED. Replies {@link TeachingReplies.TeachingParticipantRemoved}. */
    public record RemoveTeachingParticipant(String sagaId, String sessionId, String bookingId, String reason,
                                            String replyTopic) {
    }

    /**
     * The tutor cancelled: the session becomes CANCELLED and every participant CANCELLED. Replies
     * {@link TeachingReplies.TeachingSessionCancelled}; refused ({@link TeachingReplies.TeachingCancelRefused})
     * once the session has started.
     */
    public record CancelTeachingSession(String sagaId, String sessionId, long tutorId, String reason,
                                        String replyTopic) {
    }
}

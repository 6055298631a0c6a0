package io.coachwork.contracts.teaching;

import java.util.List;

/** Replies of session-service to booking sagas, sent to the command's {@code replyTopic}. */
public final class TeachingReplies {

    private TeachingReplies() {
    }

    public record TeachingParticipantAdded(String sagaId, String sessionId, String bookingId, String participantId,
                                           String channelName, int participantCount) {
    }

    /** Nothing changed; the booking must be refunded. {@code reason} is shown to the student. */
    public record TeachingParticipantRefused(String sagaId, String sessionId, String bookingId, String reason) {
    }

    public record TeachingParticipantRemoved(String sagaId, String sessionId, String bookingId, int participantCount) {
    }

    /** {@code bookingIds}: the participants that were BOOKED and are now CANCELLED. */
    public record TeachingSessionCancelled(String sagaId, String sessionId, List<String> bookingIds) {
    }

    public record TeachingCancelRefused(String sagaId, String sessionId, String status, String reason) {
    }
}

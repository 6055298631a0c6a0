package io.coachwork.contracts.teaching;

import java.time.Instant;
import java.util.List;

/**
 * Payload of every {@code coachwork.teaching.session.*} event on {@code coachwork.teaching.sessions}
 * (key = session id), published by session-service: the session as it is after the change, with
 * every participant, so a consumer needs no call back. {@code status}: SCHEDULED, IN_PROGRESS,
 * COMPLETED, CANCELLED, NO_SHOW. {@code noShow} (on no_show): TUTOR (the tutor never started: students
 * are refunded in full) or STUDENTS (no student joined: the tutor is still paid). {@code actorId} is who
 * caused the change (null for jobs); {@code detail} carries the message text, file name or reason.
 */
public record TeachingSessionEvent(String sessionId, long slotId, long tutorId, String sessionType, String status,
                                   Instant startsAt, Instant endsAt, String title, String channelName,
                                   List<Participant> participants, String noShow, Long actorId, String detail,
                                   Instant occurredAt) {

    /** {@code status}: BOOKED, CANCELLED, REFUNDED; {@code attendedSeconds} is the total joined time. */
    public record Participant(String participantId, String bookingId, long studentId, String status,
                              long attendedSeconds) {
    }
}

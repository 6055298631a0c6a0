package io.coachwork.session.coaching;

import java.time.Instant;

/** A student invited to a coaching session; {@code id} is the participation, not the student. */
public record Participant(long id, long sessionId, long studentId, Instant invitedAt, Instant joinedAt,
                          Instant leftAt) {
}

package io.coachwork.session.teaching.domain;

import java.time.Instant;
import java.util.UUID;

/** Seed 002's SessionAttendance: one join; {@code leftAt} is null while the person is in the call. */
public record AttendanceRow(long id, UUID sessionId, long userId, Instant joinedAt, Instant leftAt) {
}

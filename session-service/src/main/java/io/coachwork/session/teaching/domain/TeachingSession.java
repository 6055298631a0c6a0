package io.coachwork.session.teaching.domain;

import java.time.Instant;
import java.util.UUID;

/** A teaching session (seed 002 §7) as stored; times are UTC, {@code timezone} is the tutor's. */
public record TeachingSession(UUID id, long slotId, long tutorId, SessionType type, int maxParticipants, String title,
                              Instant startsAt, Instant endsAt, String timezone, TeachingStatus status,
                              String channelName, NoShow noShow, String cancelReason, Instant startedAt,
                              Instant completedAt, Instant startingSentAt, Instant createdAt, Instant updatedAt) {

    public TeachingSession started(Instant now) {
        return new TeachingSession(id, slotId, tutorId, type, maxParticipants, title, startsAt, endsAt, timezone,
                TeachingStatus.IN_PROGRESS, channelName, null, null, now, null, startingSentAt, createdAt, now);
    }

    public TeachingSession completed(Instant at, Instant now) {
        return new TeachingSession(id, slotId, tutorId, type, maxParticipants, title, startsAt, endsAt, timezone,
                TeachingStatus.COMPLETED, channelName, null, null, startedAt, at, startingSentAt, createdAt, now);
    }

    public TeachingSession noShow(NoShow who, Instant at, Instant now) {
        return new TeachingSession(id, slotId, tutorId, type, maxParticipants, title, startsAt, endsAt, timezone,
                TeachingStatus.NO_SHOW, channelName, who, null, startedAt, at, startingSentAt, createdAt, now);
    }

    public TeachingSession cancelled(String reason, Instant now) {
        return new TeachingSession(id, slotId, tutorId, type, maxParticipants, title, startsAt, endsAt, timezone,
                TeachingStatus.CANCELLED, channelName, null, reason, null, null, startingSentAt, createdAt, now);
    }

    public boolean isTutor(long userId) {
        return tutorId == userId;
    }
}

package io.coachwork.session.rooms;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A meeting room as the job works on it: the room's row and what it needs of its session (times,
 * status, tutor) and of the session's people (the Discord accounts that should have access, sorted).
 */
public record MeetingRoom(UUID sessionId, MeetingRoomProvider.Kind provider, State state, String externalId,
                          String joinUrl, String startUrl, Instant roomStartsAt, Instant roomEndsAt,
                          List<String> grantedDiscordIds, Session session, List<String> desiredDiscordIds) {

    public enum State { PENDING, CREATED, OPEN, DELETED }

    /** The teaching session (seed 002 §4 states), read from session-service's teaching tables. */
    public record Session(String status, String title, Instant startsAt, Instant endsAt, long tutorId) {

        public static final String SCHEDULED = "SCHEDULED";
        public static final String IN_PROGRESS = "IN_PROGRESS";
        public static final String COMPLETED = "COMPLETED";
        public static final String CANCELLED = "CANCELLED";
        public static final String NO_SHOW = "NO_SHOW";

        public boolean live() {
            return SCHEDULED.equals(status) || IN_PROGRESS.equals(status);
        }

        public boolean finished() {
            return COMPLETED.equals(status) || NO_SHOW.equals(status);
        }
    }

    public boolean moved() {
        return !session.startsAt().equals(roomStartsAt) || !session.endsAt().equals(roomEndsAt);
    }

    public MeetingRoomProvider.RoomSession roomSession() {
        return new MeetingRoomProvider.RoomSession(sessionId, session.title(), session.startsAt(), session.endsAt());
    }

    public MeetingRoom created(MeetingRoomProvider.CreatedRoom room) {
        return new MeetingRoom(sessionId, provider, State.CREATED, room.externalId(), room.joinUrl(), room.startUrl(),
                session.startsAt(), session.endsAt(), List.of(), session, desiredDiscordIds);
    }

    public MeetingRoom updated() {
        return new MeetingRoom(sessionId, provider, state, externalId, joinUrl, startUrl, session.startsAt(),
                session.endsAt(), grantedDiscordIds, session, desiredDiscordIds);
    }

    public MeetingRoom opened() {
        return new MeetingRoom(sessionId, provider, State.OPEN, externalId, joinUrl, startUrl, roomStartsAt, roomEndsAt,
                desiredDiscordIds, session, desiredDiscordIds);
    }

    public MeetingRoom deleted() {
        return new MeetingRoom(sessionId, provider, State.DELETED, externalId, joinUrl, startUrl, roomStartsAt,
                roomEndsAt, grantedDiscordIds, session, desiredDiscordIds);
    }
}

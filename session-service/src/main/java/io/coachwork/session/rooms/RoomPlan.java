package io.coachwork.session.rooms;

import java.time.Duration;
import java.time.Instant;

/**
 * What a meeting room needs next (seeds 003, 004), as plain rules: made {@code createBefore} the
 * start; for Discord opened to the session's people {@code openBefore} the start and kept in step
 * with who is booked and linked; moved with its session; deleted when the session is cancelled, and
 * for Discord once it is over. A room never made for a session that no longer needs it is dropped
 * without calling anyone. {@link MeetingRoomRepository}'s claim query selects the same rooms.
 */
public final class RoomPlan {

    public enum Step { CREATE, UPDATE, SYNC_ACCESS, DELETE, DROP, NONE }

    /** The provider's timing and habits. */
    public record Timing(Duration createBefore, Duration openBefore, boolean managesAccess, boolean deletesAfterEnd,
                         Duration deleteAfter) {

        public static Timing of(MeetingRoomProvider provider) {
            return new Timing(provider.createBefore(), provider.openBefore(), provider.managesAccess(),
                    provider.deletesAfterEnd(), provider.deleteAfter());
        }
    }

    private RoomPlan() {
    }

    public static Step next(MeetingRoom room, Timing timing, Instant now) {
        MeetingRoom.Session session = room.session();
        boolean cancelled = MeetingRoom.Session.CANCELLED.equals(session.status());
        boolean unstartedPastEnd = MeetingRoom.Session.SCHEDULED.equals(session.status())
                && !now.isBefore(session.endsAt());
        switch (room.state()) {
            case DELETED:
                return Step.NONE;
            case PENDING:
                if (cancelled || session.finished() || unstartedPastEnd) {
                    return Step.DROP;
                }
                return now.isBefore(session.startsAt().minus(timing.createBefore())) ? Step.NONE : Step.CREATE;
            default:
                break;
        }
        boolean over = timing.deletesAfterEnd() && (session.finished() || (MeetingRoom.Session.SCHEDULED.equals(session.status())
                && !now.isBefore(session.endsAt().plus(timing.deleteAfter()))));
        if (cancelled || over) {
            return Step.DELETE;
        }
        if (MeetingRoom.Session.SCHEDULED.equals(session.status()) && room.moved()) {
            return Step.UPDATE;
        }
        if (timing.managesAccess() && session.live() && !now.isBefore(session.startsAt().minus(timing.openBefore()))
                && (room.state() == MeetingRoom.State.CREATED || !room.grantedDiscordIds().equals(room.desiredDiscordIds()))) {
            return Step.SYNC_ACCESS;
        }
        return Step.NONE;
    }
}

package io.coachwork.session.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static io.coachwork.session.rooms.RoomPlan.Step.CREATE;
import static io.coachwork.session.rooms.RoomPlan.Step.DELETE;
import static io.coachwork.session.rooms.RoomPlan.Step.DROP;
import static io.coachwork.session.rooms.RoomPlan.Step.NONE;
import static io.coachwork.session.rooms.RoomPlan.Step.SYNC_ACCESS;
import static io.coachwork.session.rooms.RoomPlan.Step.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

/** The room rules without a database: when a room is made, opened, moved, deleted or dropped. */
class RoomPlanTest {

    private static final Instant START = Instant.parse("2036-01-10T18:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));
    private static final RoomPlan.Timing DISCORD = new RoomPlan.Timing(Duration.ofMinutes(15), Duration.ofMinutes(5),
            true, true, Duration.ofMinutes(10));
    private static final RoomPlan.Timing ZOOM = new RoomPlan.Timing(Duration.ofHours(24), Duration.ZERO, false, false,
            Duration.ZERO);

    @Test
    void aPendingRoomIsMadeFromItsLeadTimeAndDroppedWhenItsSessionNoLongerNeedsIt() {
        assertThat(RoomPlan.next(pending("SCHEDULED"), DISCORD, START.minus(Duration.ofMinutes(15)).minusMillis(1))).isEqualTo(NONE);
        assertThat(RoomPlan.next(pending("SCHEDULED"), DISCORD, START.minus(Duration.ofMinutes(15)))).isEqualTo(CREATE);
        assertThat(RoomPlan.next(pending("IN_PROGRESS"), DISCORD, START.plus(Duration.ofMinutes(20)))).isEqualTo(CREATE);
        assertThat(RoomPlan.next(pending("CANCELLED"), DISCORD, START)).isEqualTo(DROP);
        assertThat(RoomPlan.next(pending("NO_SHOW"), DISCORD, START)).isEqualTo(DROP);
        assertThat(RoomPlan.next(pending("SCHEDULED"), DISCORD, END)).isEqualTo(DROP);
    }

    @Test
    void aDiscordChannelOpensFiveMinutesAheadAndFollowsWhoIsBookedAndLinked() {
        MeetingRoom created = made(MeetingRoom.State.CREATED, "SCHEDULED", List.of(), List.of("1", "2"));
        assertThat(RoomPlan.next(created, DISCORD, START.minus(Duration.ofMinutes(6)))).isEqualTo(NONE);
        assertThat(RoomPlan.next(created, DISCORD, START.minus(Duration.ofMinutes(5)))).isEqualTo(SYNC_ACCESS);
        // Opened with nobody linked yet is still opened: the room is ready for whoever links.
        assertThat(RoomPlan.next(made(MeetingRoom.State.CREATED, "SCHEDULED", List.of(), List.of()), DISCORD, START))
                .isEqualTo(SYNC_ACCESS);
        MeetingRoom open = made(MeetingRoom.State.OPEN, "IN_PROGRESS", List.of("1", "2"), List.of("1", "2"));
        assertThat(RoomPlan.next(open, DISCORD, START)).isEqualTo(NONE);
        assertThat(RoomPlan.next(made(MeetingRoom.State.OPEN, "IN_PROGRESS", List.of("1", "2"), List.of("1")), DISCORD, START))
                .isEqualTo(SYNC_ACCESS);
        assertThat(RoomPlan.next(created, ZOOM, START)).isEqualTo(NONE);
    }

    @Test
    void roomsFollowMovesAndGoWhenCancelledOrForDiscordWhenOver() {
        MeetingRoom moved = new MeetingRoom(UUID.randomUUID(), MeetingRoomProvider.Kind.ZOOM, MeetingRoom.State.CREATED,
                "m1", "j", "s", START.minus(Duration.ofHours(1)), END, List.of(), session("SCHEDULED"), List.of());
        assertThat(RoomPlan.next(moved, ZOOM, START.minus(Duration.ofHours(3)))).isEqualTo(UPDATE);
        assertThat(RoomPlan.next(made(MeetingRoom.State.CREATED, "CANCELLED", List.of(), List.of()), ZOOM, START)).isEqualTo(DELETE);
        assertThat(RoomPlan.next(made(MeetingRoom.State.CREATED, "COMPLETED", List.of(), List.of()), ZOOM, END)).isEqualTo(NONE);
        assertThat(RoomPlan.next(made(MeetingRoom.State.OPEN, "COMPLETED", List.of(), List.of()), DISCORD, END)).isEqualTo(DELETE);
        assertThat(RoomPlan.next(made(MeetingRoom.State.OPEN, "IN_PROGRESS", List.of(), List.of()), DISCORD,
                END.plus(Duration.ofHours(1)))).isEqualTo(NONE);
        MeetingRoom neverStarted = made(MeetingRoom.State.OPEN, "SCHEDULED", List.of(), List.of());
        assertThat(RoomPlan.next(neverStarted, DISCORD, END.plus(Duration.ofMinutes(9)))).isEqualTo(NONE);
        assertThat(RoomPlan.next(neverStarted, DISCORD, END.plus(Duration.ofMinutes(10)))).isEqualTo(DELETE);
        assertThat(RoomPlan.next(made(MeetingRoom.State.DELETED, "CANCELLED", List.of(), List.of()), DISCORD, END)).isEqualTo(NONE);
    }

    private static MeetingRoom.Session session(String status) {
        return new MeetingRoom.Session(status, "Lesson", START, END, 7);
    }

    private static MeetingRoom pending(String status) {
        return new MeetingRoom(UUID.randomUUID(), MeetingRoomProvider.Kind.DISCORD, MeetingRoom.State.PENDING, null, null,
                null, null, null, List.of(), session(status), List.of());
    }

    private static MeetingRoom made(MeetingRoom.State state, String status, List<String> granted, List<String> desired) {
        return new MeetingRoom(UUID.randomUUID(), MeetingRoomProvider.Kind.DISCORD, state, "c1", "j", "s", START, END,
                granted, session(status), desired);
    }
}

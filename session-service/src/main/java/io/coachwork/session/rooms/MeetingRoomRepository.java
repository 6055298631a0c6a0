package io.coachwork.session.rooms;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Meeting rooms, and the teaching session tables read (never written) for them. Every statement
 * here runs on its own: claims commit before the provider is called, and outcomes are recorded
 * only by the lease holder.
 */
@Repository
public class MeetingRoomRepository {

    /** The Discord accounts that should see a session's channel: its tutor's and its booked students', sorted. */
    private static final String DESIRED_DISCORD_IDS = """
            ARRAY(SELECT l.discord_user_id FROM discord_link l
                  WHERE l.user_id = s.tutor_id
                     OR l.user_id IN (SELECT p.student_id FROM teaching_participant p
                                      WHERE p.session_id = s.id AND p.status = 'BOOKED')
                  ORDER BY l.discord_user_id COLLATE "C")""";

    private final DatabaseClient db;

    public MeetingRoomRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Where a provider's claim looks: the run's time and the provider's timing. */
    public record Window(Instant now, Instant createBy, Instant openBy, Instant endedBy, boolean managesAccess,
                         boolean deletesAfterEnd) {

        public static Window of(RoomPlan.Timing timing, Instant now) {
            return new Window(now, now.plus(timing.createBefore()), now.plus(timing.openBefore()),
                    now.minus(timing.deleteAfter()), timing.managesAccess(), timing.deletesAfterEnd());
        }
    }

    /**
     * A PENDING row for every live session with a booked student whose room is due and not made
     * yet; replicas inserting together make one row each.
     */
    public Mono<Long> addDue(MeetingRoomProvider.Kind provider, Window w) {
        return db.sql("""
                        INSERT INTO meeting_room (session_id, provider, state, created_at, updated_at)
                        SELECT s.id, :provider, 'PENDING', :now, :now FROM teaching_session s
                        WHERE s.status IN ('SCHEDULED', 'IN_PROGRESS') AND s.starts_at <= :createBy AND s.ends_at > :now
                          AND EXISTS (SELECT 1 FROM teaching_participant p WHERE p.session_id = s.id AND p.status = 'BOOKED')
                          AND NOT EXISTS (SELECT 1 FROM meeting_room r WHERE r.session_id = s.id AND r.provider = :provider)
                        ON CONFLICT DO NOTHING""")
                .bind("provider", provider.name()).bind("now", utc(w.now())).bind("createBy", utc(w.createBy()))
                .fetch().rowsUpdated();
    }

    /**
     * Leases up to {@code limit} rooms with a step due ({@link RoomPlan}'s rules) to {@code owner}
     * until {@code until}, skipping rooms another replica holds or has just locked. One statement,
     * committed on return.
     */
    public Mono<Long> claim(MeetingRoomProvider.Kind provider, Window w, UUID owner, Instant until, int limit) {
        return db.sql("""
                        WITH due AS (
                          SELECT r.session_id FROM meeting_room r JOIN teaching_session s ON s.id = r.session_id
                          WHERE r.provider = :provider AND r.state <> 'DELETED'
                            AND (r.lease_until IS NULL OR r.lease_until < :now)
                            AND ((r.state = 'PENDING' AND (s.status NOT IN ('SCHEDULED', 'IN_PROGRESS')
                                    OR s.starts_at <= :createBy OR (s.status = 'SCHEDULED' AND s.ends_at <= :now)))
                              OR (r.state <> 'PENDING' AND (s.status = 'CANCELLED'
                                OR (:deletesAfterEnd AND (s.status IN ('COMPLETED', 'NO_SHOW')
                                    OR (s.status = 'SCHEDULED' AND s.ends_at <= :endedBy)))
                                OR (s.status = 'SCHEDULED' AND (r.room_starts_at IS DISTINCT FROM s.starts_at
                                    OR r.room_ends_at IS DISTINCT FROM s.ends_at))
                                OR (:managesAccess AND s.status IN ('SCHEDULED', 'IN_PROGRESS') AND s.starts_at <= :openBy
                                    AND (r.state = 'CREATED' OR r.granted_discord_ids <> %s)))))
                          ORDER BY s.starts_at, r.session_id
                          LIMIT :limit
                          FOR UPDATE OF r SKIP LOCKED)
                        UPDATE meeting_room r SET lease_owner = :owner, lease_until = :until
                        FROM due WHERE r.session_id = due.session_id AND r.provider = :provider""".formatted(DESIRED_DISCORD_IDS))
                .bind("provider", provider.name()).bind("now", utc(w.now())).bind("createBy", utc(w.createBy()))
                .bind("openBy", utc(w.openBy())).bind("endedBy", utc(w.endedBy()))
                .bind("managesAccess", w.managesAccess()).bind("deletesAfterEnd", w.deletesAfterEnd())
                .bind("owner", owner).bind("until", utc(until)).bind("limit", limit)
                .fetch().rowsUpdated();
    }

    /** The rooms {@code owner} holds, with their sessions. */
    public Mono<List<MeetingRoom>> leased(MeetingRoomProvider.Kind provider, UUID owner) {
        return db.sql("""
                        SELECT r.*, s.status AS session_status, s.title, s.starts_at, s.ends_at, s.tutor_id,
                          %s AS desired_discord_ids
                        FROM meeting_room r JOIN teaching_session s ON s.id = r.session_id
                        WHERE r.provider = :provider AND r.lease_owner = :owner
                        ORDER BY s.starts_at, r.session_id""".formatted(DESIRED_DISCORD_IDS))
                .bind("provider", provider.name()).bind("owner", owner)
                .map((row, meta) -> toRoom(row)).all().collectList();
    }

    /** Stores a step's outcome; false when the lease was lost (another worker now holds the room). */
    public Mono<Boolean> record(MeetingRoom room, RoomPlan.Step step, UUID owner, Instant now) {
        return db.sql("""
                        UPDATE meeting_room SET state = :state, external_id = :external, join_url = :join,
                          start_url = :start, room_starts_at = :roomStarts, room_ends_at = :roomEnds,
                          granted_discord_ids = :granted, attempts = 0, last_error = NULL, updated_at = :now,
                          room_created_at = CASE WHEN :step = 'CREATE' THEN :now ELSE room_created_at END,
                          updated_room_at = CASE WHEN :step = 'UPDATE' THEN :now ELSE updated_room_at END,
                          opened_at = CASE WHEN :step = 'SYNC_ACCESS' THEN COALESCE(opened_at, :now) ELSE opened_at END,
                          deleted_at = CASE WHEN :step IN ('DELETE', 'DROP') THEN :now ELSE deleted_at END
                        WHERE session_id = :id AND provider = :provider AND lease_owner = :owner""")
                .bind("state", room.state().name())
                .bind("external", Parameter.fromOrEmpty(room.externalId(), String.class))
                .bind("join", Parameter.fromOrEmpty(room.joinUrl(), String.class))
                .bind("start", Parameter.fromOrEmpty(room.startUrl(), String.class))
                .bind("roomStarts", Parameter.fromOrEmpty(utcOrNull(room.roomStartsAt()), OffsetDateTime.class))
                .bind("roomEnds", Parameter.fromOrEmpty(utcOrNull(room.roomEndsAt()), OffsetDateTime.class))
                .bind("granted", room.grantedDiscordIds().toArray(String[]::new))
                .bind("now", utc(now)).bind("step", step.name())
                .bind("id", room.sessionId()).bind("provider", room.provider().name()).bind("owner", owner)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /**
     * Gives the room back. Its lease ends at the run's time, so the same run (whose claims look
     * for leases ended before it) does not take it again; a failure is counted and kept.
     */
    public Mono<Void> release(MeetingRoom room, UUID owner, Instant now, String error) {
        return db.sql("""
                        UPDATE meeting_room SET lease_owner = NULL, lease_until = :now, updated_at = :now,
                          attempts = attempts + CASE WHEN :failed THEN 1 ELSE 0 END,
                          last_error = CASE WHEN :failed THEN :error ELSE last_error END
                        WHERE session_id = :id AND provider = :provider AND lease_owner = :owner""")
                .bind("now", utc(now)).bind("failed", error != null)
                .bind("error", Parameter.fromOrEmpty(error, String.class))
                .bind("id", room.sessionId()).bind("provider", room.provider().name()).bind("owner", owner)
                .fetch().rowsUpdated().then();
    }

    /** Who may use a session's room: its tutor and, while booked, its students. */
    public record Access(long tutorId, String status, Instant startsAt, Instant endsAt, boolean booked) {
    }

    public Mono<Access> access(UUID sessionId, long userId) {
        return db.sql("""
                        SELECT s.tutor_id, s.status, s.starts_at, s.ends_at,
                          EXISTS (SELECT 1 FROM teaching_participant p WHERE p.session_id = s.id
                                  AND p.student_id = :user AND p.status = 'BOOKED') AS booked
                        FROM teaching_session s WHERE s.id = :id""")
                .bind("id", sessionId).bind("user", userId)
                .map((row, meta) -> new Access(row.get("tutor_id", Long.class), row.get("status", String.class),
                        instant(row, "starts_at"), instant(row, "ends_at"), Boolean.TRUE.equals(row.get("booked", Boolean.class))))
                .one();
    }

    /** A session's room: a live one first, the active provider's before another's. */
    public Mono<MeetingRoom> roomOf(UUID sessionId, MeetingRoomProvider.Kind preferred) {
        return db.sql("""
                        SELECT r.*, s.status AS session_status, s.title, s.starts_at, s.ends_at, s.tutor_id,
                          %s AS desired_discord_ids
                        FROM meeting_room r JOIN teaching_session s ON s.id = r.session_id
                        WHERE r.session_id = :id
                        ORDER BY (r.state <> 'DELETED') DESC, (r.provider = :preferred) DESC, r.created_at DESC
                        LIMIT 1""".formatted(DESIRED_DISCORD_IDS))
                .bind("id", sessionId).bind("preferred", preferred == null ? "" : preferred.name())
                .map((row, meta) -> toRoom(row)).one();
    }

    /** Live rooms whose last step failed, for health details. */
    public Mono<Long> failing() {
        return db.sql("SELECT count(*) AS n FROM meeting_room WHERE state <> 'DELETED' AND last_error IS NOT NULL")
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    private static MeetingRoom toRoom(Readable row) {
        MeetingRoom.Session session = new MeetingRoom.Session(row.get("session_status", String.class),
                row.get("title", String.class), instant(row, "starts_at"), instant(row, "ends_at"),
                row.get("tutor_id", Long.class));
        return new MeetingRoom(row.get("session_id", UUID.class),
                MeetingRoomProvider.Kind.valueOf(row.get("provider", String.class)),
                MeetingRoom.State.valueOf(row.get("state", String.class)), row.get("external_id", String.class),
                row.get("join_url", String.class), row.get("start_url", String.class), instant(row, "room_starts_at"),
                instant(row, "room_ends_at"), strings(row, "granted_discord_ids"), session,
                strings(row, "desired_discord_ids"));
    }

    private static List<String> strings(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : List.copyOf(Arrays.asList(values));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime utcOrNull(Instant instant) {
        return instant == null ? null : utc(instant);
    }
}

package io.coachwork.scheduling.slots;

import io.coachwork.platform.observability.TraceScope;
import io.coachwork.scheduling.availability.domain.LocalTimeRange;
import io.coachwork.scheduling.availability.domain.SessionType;
import io.coachwork.scheduling.availability.domain.Slot;
import io.coachwork.scheduling.profile.ProfileRepository;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class SlotRepository {

    /** What {@link #toSlot} reads, in its order (a TIME of 24:00 is never stored: midnight ends are 00:00). */
    static final String COLUMNS = """
            id, tutor_id, slot_date - DATE '1970-01-01' AS epoch_day, EXTRACT(EPOCH FROM start_time)::int AS start_second,
            EXTRACT(EPOCH FROM end_time)::int AS end_second, duration_minutes, session_type, max_participants,
            booked_count, timezone, (EXTRACT(EPOCH FROM created_at) * 1000000)::bigint AS created_micros,
            (EXTRACT(EPOCH FROM updated_at) * 1000000)::bigint AS updated_micros""";
    private static final String BETWEEN = """
            SELECT %s FROM teaching_slot WHERE tutor_id = :tutor AND starts_at >= :from AND starts_at < :to
              AND (CAST(:type AS TEXT) IS NULL OR session_type = :type) ORDER BY starts_at""".formatted(COLUMNS);
    private static final String PAGE = """
            SELECT %s FROM teaching_slot WHERE tutor_id = :tutor AND (NOT :upcoming OR ends_at > :now)
            ORDER BY starts_at, id LIMIT :limit OFFSET :offset""".formatted(COLUMNS);
    private static final String PAST_UNBOOKED = """
            SELECT %s FROM teaching_slot
            WHERE booked_count = 0 AND ends_at <= :now AND slot_date < (:now AT TIME ZONE timezone)::date
            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""".formatted(COLUMNS);
    /** Zone ids by name: a search reads a couple of hundred rows of the same zone. */
    private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    private final DatabaseClient db;

    public SlotRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<StoredSlot> insert(long tutorId, Slot slot, Instant now) {
        return db.sql("""
                        INSERT INTO teaching_slot (tutor_id, slot_date, start_time, end_time, duration_minutes, session_type,
                          max_participants, timezone, starts_at, ends_at, created_at, updated_at)
                        VALUES (:tutor, :date, :start, :end, :duration, :type, :seats, :zone, :startsAt, :endsAt, :now, :now)
                        RETURNING\s""" + COLUMNS)
                .bind("tutor", tutorId).bind("date", slot.date()).bind("start", slot.time().start())
                .bind("end", slot.time().end()).bind("duration", slot.durationMinutes())
                .bind("type", slot.sessionType().name()).bind("seats", slot.maxParticipants())
                .bind("zone", slot.zone().getId()).bind("startsAt", ProfileRepository.utc(slot.startsAt()))
                .bind("endsAt", ProfileRepository.utc(slot.endsAt())).bind("now", ProfileRepository.utc(now))
                .map((row, meta) -> toSlot(row)).one();
    }

    public Mono<StoredSlot> update(long id, Slot slot, Instant now) {
        return db.sql("""
                        UPDATE teaching_slot SET slot_date = :date, start_time = :start, end_time = :end,
                          duration_minutes = :duration, session_type = :type, max_participants = :seats, timezone = :zone,
                          starts_at = :startsAt, ends_at = :endsAt, updated_at = :now
                        WHERE id = :id RETURNING\s""" + COLUMNS)
                .bind("id", id).bind("date", slot.date()).bind("start", slot.time().start())
                .bind("end", slot.time().end()).bind("duration", slot.durationMinutes())
                .bind("type", slot.sessionType().name()).bind("seats", slot.maxParticipants())
                .bind("zone", slot.zone().getId()).bind("startsAt", ProfileRepository.utc(slot.startsAt()))
                .bind("endsAt", ProfileRepository.utc(slot.endsAt())).bind("now", ProfileRepository.utc(now))
                .map((row, meta) -> toSlot(row)).one();
    }

    public Mono<Void> delete(long id) {
        return db.sql("DELETE FROM teaching_slot WHERE id = :id").bind("id", id).fetch().rowsUpdated().then();
    }

    public Mono<StoredSlot> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM teaching_slot WHERE id = :id").bind("id", id).map((row, meta) -> toSlot(row)).one();
    }

    /** A tutor's slots that end after {@code after}: the ones a new slot could overlap. */
    public Flux<StoredSlot> endingAfter(long tutorId, Instant after) {
        return db.sql("SELECT " + COLUMNS + " FROM teaching_slot WHERE tutor_id = :tutor AND ends_at > :after ORDER BY starts_at")
                .bind("tutor", tutorId).bind("after", ProfileRepository.utc(after))
                .map((row, meta) -> toSlot(row)).all();
    }

    /** A tutor's slots starting in [from, to), optionally of one session type, in time order. */
    public Flux<StoredSlot> between(long tutorId, Instant from, Instant to, SessionType type) {
        // A null type matches every slot; the parameter is typed so PostgreSQL can plan it.
        return db.sql(BETWEEN)
                .bind("tutor", tutorId).bind("from", ProfileRepository.utc(from)).bind("to", ProfileRepository.utc(to))
                .bind("type", Parameter.fromOrEmpty(type == null ? null : type.name(), String.class))
                .map((row, meta) -> toSlot(row)).all()
                // Hundreds of rows per search: no trace restored around each one (TraceScope.untraced).
                .contextWrite(TraceScope::untraced);
    }

    /** Slots of several tutors starting in [from, to) (the directory's soonest-free computation). */
    public Flux<StoredSlot> betweenForTutors(List<Long> tutorIds, Instant from, Instant to) {
        return db.sql("SELECT " + COLUMNS + " FROM teaching_slot WHERE tutor_id = ANY(:ids) AND starts_at >= :from AND starts_at < :to ORDER BY starts_at")
                .bind("ids", tutorIds.toArray(Long[]::new)).bind("from", ProfileRepository.utc(from))
                .bind("to", ProfileRepository.utc(to))
                .map((row, meta) -> toSlot(row)).all();
    }

    public Flux<StoredSlot> page(long tutorId, boolean upcomingOnly, Instant now, int limit, long offset) {
        return db.sql(PAGE)
                .bind("upcoming", upcomingOnly)
                .bind("tutor", tutorId).bind("now", ProfileRepository.utc(now)).bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> toSlot(row)).all();
    }

    public Mono<Long> count(long tutorId, boolean upcomingOnly, Instant now) {
        return db.sql("SELECT count(*) AS n FROM teaching_slot WHERE tutor_id = :tutor AND (NOT :upcoming OR ends_at > :now)")
                .bind("upcoming", upcomingOnly)
                .bind("tutor", tutorId).bind("now", ProfileRepository.utc(now))
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /**
     * Claims up to {@code limit} never-booked slots whose date is before the tutor's today (seed 002's
     * cleanup), locked; other replicas running the job skip them. Call inside a transaction.
     */
    public Flux<StoredSlot> claimPastUnbooked(Instant now, int limit) {
        return db.sql(PAST_UNBOOKED)
                .bind("now", ProfileRepository.utc(now)).bind("limit", limit)
                .map((row, meta) -> toSlot(row)).all();
    }

    public Mono<Long> deleteAll(List<Long> ids) {
        return db.sql("DELETE FROM teaching_slot WHERE id = ANY(:ids)").bind("ids", ids.toArray(Long[]::new))
                .fetch().rowsUpdated();
    }

    /**
     * Reads a row of {@link #COLUMNS} by position. The dates, times and instants arrive as integers: decoding
     * them from PostgreSQL's text format (the driver's default) was most of the cost of reading a slot, ~17% of
     * a four-week search's CPU (docs/performance.md).
     */
    static StoredSlot toSlot(Readable row) {
        Slot slot = new Slot(LocalDate.ofEpochDay(row.get(2, Integer.class)),
                new LocalTimeRange(LocalTime.ofSecondOfDay(row.get(3, Integer.class)),
                        LocalTime.ofSecondOfDay(row.get(4, Integer.class))),
                row.get(5, Integer.class), SessionType.valueOf(row.get(6, String.class)), row.get(7, Integer.class),
                ZONES.computeIfAbsent(row.get(9, String.class), ZoneId::of));
        return new StoredSlot(row.get(0, Long.class), row.get(1, Long.class), slot, row.get(8, Integer.class),
                micros(row.get(10, Long.class)), micros(row.get(11, Long.class)));
    }

    private static Instant micros(long sinceEpoch) {
        return Instant.ofEpochSecond(Math.floorDiv(sinceEpoch, 1_000_000L), Math.floorMod(sinceEpoch, 1_000_000L) * 1_000L);
    }
}

package io.coachwork.scheduling.booking;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.coachwork.scheduling.booking.BookingRepository.instant;
import static io.coachwork.scheduling.booking.BookingRepository.text;
import static io.coachwork.scheduling.booking.BookingRepository.utc;

/** Waitlist places of full slots, first come first offered. */
@Repository
public class WaitlistRepository {

    private final DatabaseClient db;

    public WaitlistRepository(DatabaseClient db) {
        this.db = db;
    }

    public record Entry(long id, long slotId, long studentId, String status, UUID bookingId, String studentTimezone,
                        Instant createdAt, Instant updatedAt) {
    }

    /** Joins the list; empty when the student already waits for this slot. */
    public Mono<Entry> join(long slotId, long studentId, String studentTimezone, Instant now) {
        return db.sql("""
                        INSERT INTO waitlist_entry (slot_id, student_id, status, student_timezone, created_at, updated_at)
                        VALUES (:slot, :student, 'WAITING', :zone, :now, :now)
                        ON CONFLICT (slot_id, student_id) WHERE status = 'WAITING' DO NOTHING RETURNING *""")
                .bind("slot", slotId).bind("student", studentId).bind("zone", text(studentTimezone))
                .bind("now", utc(now)).map((row, meta) -> entry(row)).one();
    }

    public Mono<Entry> leave(long slotId, long studentId, Instant now) {
        return db.sql("""
                        UPDATE waitlist_entry SET status = 'LEFT', updated_at = :now
                        WHERE slot_id = :slot AND student_id = :student AND status = 'WAITING' RETURNING *""")
                .bind("slot", slotId).bind("student", studentId).bind("now", utc(now))
                .map((row, meta) -> entry(row)).one();
    }

    /** The session is cancelled: nobody waits for it any more. */
    public Mono<Void> closeSlot(long slotId, Instant now) {
        return db.sql("UPDATE waitlist_entry SET status = 'LEFT', updated_at = :now WHERE slot_id = :slot AND status = 'WAITING'")
                .bind("slot", slotId).bind("now", utc(now)).fetch().rowsUpdated().then();
    }

    /** The first student waiting for the slot, locked (a concurrent offer takes the next one). */
    public Mono<Entry> nextWaiting(long slotId) {
        return db.sql("""
                        SELECT * FROM waitlist_entry WHERE slot_id = :slot AND status = 'WAITING'
                        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .bind("slot", slotId).map((row, meta) -> entry(row)).one();
    }

    public Mono<Void> mark(long id, String status, UUID bookingId, Instant now) {
        return db.sql("UPDATE waitlist_entry SET status = :status, booking_id = :booking, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("status", status)
                .bind("booking", Parameter.fromOrEmpty(bookingId, UUID.class))
                .bind("now", utc(now)).fetch().rowsUpdated().then();
    }

    public Flux<Entry> ofStudent(long studentId, int limit, long offset) {
        return db.sql("SELECT * FROM waitlist_entry WHERE student_id = :s ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .bind("s", studentId).bind("limit", limit).bind("offset", offset).map((row, meta) -> entry(row)).all();
    }

    public Mono<Long> countOfStudent(long studentId) {
        return db.sql("SELECT count(*) AS n FROM waitlist_entry WHERE student_id = :s").bind("s", studentId)
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /** Where the student stands in the slot's queue (1 = next), counting only those still waiting. */
    public Mono<Long> position(long slotId, long entryId) {
        return db.sql("SELECT count(*) AS n FROM waitlist_entry WHERE slot_id = :slot AND status = 'WAITING' AND id <= :id")
                .bind("slot", slotId).bind("id", entryId).map((row, meta) -> row.get("n", Long.class)).one();
    }

    private static Entry entry(Readable row) {
        return new Entry(row.get("id", Long.class), row.get("slot_id", Long.class), row.get("student_id", Long.class),
                row.get("status", String.class), row.get("booking_id", UUID.class),
                row.get("student_timezone", String.class), instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)));
    }
}

package io.coachwork.session.teaching.persistence;

import io.coachwork.session.teaching.domain.ParticipantStatus;
import io.coachwork.session.teaching.domain.TeachingParticipant;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import static io.coachwork.session.teaching.persistence.Rows.instant;
import static io.coachwork.session.teaching.persistence.Rows.utc;

@Repository
public class TeachingParticipantRepository {

    private final DatabaseClient db;

    public TeachingParticipantRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<TeachingParticipant> insert(TeachingParticipant p) {
        return db.sql("""
                        INSERT INTO teaching_participant (id, session_id, booking_id, student_id, status, booked_at, updated_at)
                        VALUES (:id, :session, :booking, :student, :status, :at, :at)""")
                .bind("id", p.id()).bind("session", p.sessionId()).bind("booking", p.bookingId())
                .bind("student", p.studentId()).bind("status", p.status().name()).bind("at", utc(p.bookedAt()))
                .fetch().rowsUpdated().thenReturn(p);
    }

    public Mono<TeachingParticipant> findByBooking(UUID bookingId) {
        return db.sql("SELECT * FROM teaching_participant WHERE booking_id = :b").bind("b", bookingId)
                .map((row, meta) -> toParticipant(row)).one();
    }

    /** Every participant of the session, oldest booking first. */
    public Mono<List<TeachingParticipant>> findBySession(UUID sessionId) {
        return db.sql("SELECT * FROM teaching_participant WHERE session_id = :s ORDER BY booked_at, id")
                .bind("s", sessionId)
                .map((row, meta) -> toParticipant(row)).all().collectList();
    }

    /** Whether the user holds a live seat in the session. */
    public Mono<Boolean> isBooked(UUID sessionId, long studentId) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM teaching_participant
                                       WHERE session_id = :s AND student_id = :st AND status = 'BOOKED') AS booked""")
                .bind("s", sessionId).bind("st", studentId)
                .map((row, meta) -> row.get("booked", Boolean.class)).one();
    }

    public Mono<Void> setStatus(UUID id, ParticipantStatus status, Instant now) {
        return db.sql("UPDATE teaching_participant SET status = :status, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("status", status.name()).bind("now", utc(now))
                .fetch().rowsUpdated().then();
    }

    /** Cancels every live seat of the session; returns their booking ids. */
    public Mono<List<String>> cancelBooked(UUID sessionId, Instant now) {
        return db.sql("""
                        UPDATE teaching_participant SET status = 'CANCELLED', updated_at = :now
                        WHERE session_id = :s AND status = 'BOOKED' RETURNING booking_id""")
                .bind("s", sessionId).bind("now", utc(now))
                .map((row, meta) -> row.get("booking_id", UUID.class).toString()).all().sort().collectList();
    }

    static TeachingParticipant toParticipant(Readable row) {
        return new TeachingParticipant(row.get("id", UUID.class), row.get("session_id", UUID.class),
                row.get("booking_id", UUID.class), row.get("student_id", Long.class),
                ParticipantStatus.valueOf(row.get("status", String.class)),
                instant(row.get("booked_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)));
    }
}

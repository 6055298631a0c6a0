package io.coachwork.scheduling.booking;

import io.coachwork.scheduling.availability.domain.Busy;
import io.coachwork.scheduling.availability.domain.Slot;
import io.coachwork.scheduling.booking.domain.Booking;
import io.coachwork.scheduling.booking.domain.BookingStatus;
import io.coachwork.scheduling.booking.domain.CancelledBy;
import io.coachwork.scheduling.booking.domain.PaymentStatus;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bookings, and the slot SQL booking needs: the seat counter moved only by guarded statements
 * ({@code booked_count < max_participants}), the slot's teaching session id set once at its first hold.
 */
@Repository
public class BookingRepository {

    /** The booking its saga locks first ({@code SagaDefinition.lockFirst}). */
    public static final String LOCK_FOR_SAGA = "SELECT id FROM booking WHERE id = :aggregate FOR UPDATE";
    /** Every booking of a teaching session, in {@link #lockSession}'s order, locked first by the session's cancel saga. */
    public static final String LOCK_SESSION_FOR_SAGA =
            "SELECT id FROM booking WHERE teaching_session_id = :aggregate ORDER BY id FOR UPDATE";

    static final String LIVE = "('HELD', 'PENDING_PAYMENT', 'CONFIRMED')";

    private final DatabaseClient db;

    public BookingRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The slot facts booking needs. */
    public record SlotRow(long id, long tutorId, String sessionType, int maxParticipants, int bookedCount,
                          Instant startsAt, Instant endsAt, String timezone, UUID teachingSessionId, boolean generated,
                          Instant cancelledAt) {
    }

    public Mono<SlotRow> slot(long id) {
        return db.sql("SELECT * FROM teaching_slot WHERE id = :id").bind("id", id).map((row, meta) -> slotRow(row)).one();
    }

    public Mono<SlotRow> slotOfSession(UUID sessionId) {
        return db.sql("SELECT * FROM teaching_slot WHERE teaching_session_id = :sid").bind("sid", sessionId)
                .map((row, meta) -> slotRow(row)).one();
    }

    public Mono<SlotRow> lockSlot(long id) {
        return db.sql("SELECT * FROM teaching_slot WHERE id = :id FOR UPDATE").bind("id", id)
                .map((row, meta) -> slotRow(row)).one();
    }

    /**
     * Takes one seat if one is left and the session is not cancelled, and gives the slot its teaching
     * session id at its first hold; empty when the slot is full (the row lock orders concurrent takers).
     */
    public Mono<SlotRow> takeSeat(long slotId, UUID newSessionId, Instant now) {
        return db.sql("""
                        UPDATE teaching_slot SET booked_count = booked_count + 1,
                          teaching_session_id = COALESCE(teaching_session_id, :sid), updated_at = :now
                        WHERE id = :id AND booked_count < max_participants AND cancelled_at IS NULL
                        RETURNING *""")
                .bind("id", slotId).bind("sid", newSessionId).bind("now", utc(now))
                .map((row, meta) -> slotRow(row)).one();
    }

    /** Gives a seat back; a cancelled session keeps its count (its seats are gone). */
    public Mono<Boolean> freeSeat(long slotId, Instant now) {
        return db.sql("""
                        UPDATE teaching_slot SET booked_count = booked_count - 1, updated_at = :now
                        WHERE id = :id AND booked_count > 0 AND cancelled_at IS NULL""")
                .bind("id", slotId).bind("now", utc(now)).fetch().rowsUpdated().map(n -> n == 1);
    }

    /** The tutor is cancelling: no seat can be taken from now on. */
    public Mono<Void> closeSlot(long slotId, Instant now) {
        return db.sql("UPDATE teaching_slot SET cancelled_at = :now, updated_at = :now WHERE id = :id")
                .bind("id", slotId).bind("now", utc(now)).fetch().rowsUpdated().then();
    }

    /** Session-service refused the cancel (the session started): seats count as before. */
    public Mono<Void> reopenSlot(long slotId, Instant now) {
        return db.sql("UPDATE teaching_slot SET cancelled_at = NULL, updated_at = :now WHERE id = :id")
                .bind("id", slotId).bind("now", utc(now)).fetch().rowsUpdated().then();
    }

    /** A cancelled session's slot shows no seat left, so nobody is offered it again. */
    public Mono<Void> fillCancelledSlot(long slotId, Instant now) {
        return db.sql("""
                        UPDATE teaching_slot SET booked_count = max_participants, updated_at = :now
                        WHERE id = :id AND cancelled_at IS NOT NULL""")
                .bind("id", slotId).bind("now", utc(now)).fetch().rowsUpdated().then();
    }

    /** The tutor's slots overlapping [from, to): they block generated times. */
    public Flux<Busy> tutorSlots(long tutorId, Instant from, Instant to) {
        return db.sql("SELECT starts_at, ends_at FROM teaching_slot WHERE tutor_id = :t AND ends_at > :from AND starts_at < :to")
                .bind("t", tutorId).bind("from", utc(from)).bind("to", utc(to))
                .map((row, meta) -> new Busy(instant(row.get("starts_at", OffsetDateTime.class)),
                        instant(row.get("ends_at", OffsetDateTime.class))))
                .all();
    }

    /** A generated bookable time, made a slot of its own at its booking. */
    public Mono<Long> insertGeneratedSlot(long tutorId, Slot slot, Instant now) {
        return db.sql("""
                        INSERT INTO teaching_slot (tutor_id, slot_date, start_time, end_time, duration_minutes, session_type,
                          max_participants, timezone, starts_at, ends_at, generated, created_at, updated_at)
                        VALUES (:tutor, :date, :start, :end, :duration, :type, :seats, :zone, :startsAt, :endsAt, TRUE, :now,
                          :now)
                        RETURNING id""")
                .bind("tutor", tutorId).bind("date", slot.date()).bind("start", slot.time().start())
                .bind("end", slot.time().end()).bind("duration", slot.durationMinutes())
                .bind("type", slot.sessionType().name()).bind("seats", slot.maxParticipants())
                .bind("zone", slot.zone().getId()).bind("startsAt", utc(slot.startsAt()))
                .bind("endsAt", utc(slot.endsAt())).bind("now", utc(now))
                .map((row, meta) -> row.get("id", Long.class)).one();
    }

    public Mono<Booking> insert(Booking b) {
        return db.sql("""
                        INSERT INTO booking (id, slot_id, teaching_session_id, tutor_id, student_id, status, payment_status,
                          session_type, max_participants, starts_at, ends_at, timezone, student_timezone, subject, notes,
                          price_minor, currency, refund_minor, refunded_minor, payment_intent_id, client_secret,
                          hold_expires_at, saga_id, cancelled_by, reason, created_at, updated_at)
                        VALUES (:id, :slot, :session, :tutor, :student, :status, :payment, :type, :seats, :starts, :ends,
                          :zone, :studentZone, :subject, :notes, :price, :currency, :refund, :refunded, :intent, :secret,
                          :hold, :saga, :by, :reason, :created, :updated)""")
                .bind("id", b.id()).bind("slot", b.slotId()).bind("session", b.teachingSessionId())
                .bind("tutor", b.tutorId()).bind("student", b.studentId()).bind("type", b.sessionType())
                .bind("seats", b.maxParticipants()).bind("starts", utc(b.startsAt())).bind("ends", utc(b.endsAt()))
                .bind("zone", b.timezone()).bind("studentZone", text(b.studentTimezone()))
                .bind("subject", text(b.subject())).bind("notes", text(b.notes()))
                .bind("price", b.priceMinor()).bind("currency", b.currency())
                .bind("hold", utc(b.holdExpiresAt())).bind("created", utc(b.createdAt()))
                .bind("status", b.status().name()).bind("payment", b.paymentStatus().name())
                .bind("refund", b.refundMinor()).bind("refunded", b.refundedMinor())
                .bind("intent", text(b.paymentIntentId())).bind("secret", text(b.clientSecret()))
                .bind("saga", Parameter.fromOrEmpty(b.sagaId(), UUID.class))
                .bind("by", text(b.cancelledBy() == null ? null : b.cancelledBy().name()))
                .bind("reason", text(b.reason())).bind("updated", utc(b.updatedAt()))
                .fetch().rowsUpdated().thenReturn(b);
    }

    /** Writes the booking's changing fields. */
    public Mono<Booking> update(Booking b) {
        return db.sql("""
                        UPDATE booking SET status = :status, payment_status = :payment, refund_minor = :refund,
                          refunded_minor = :refunded, payment_intent_id = :intent, client_secret = :secret, saga_id = :saga,
                          cancelled_by = :by, reason = :reason, updated_at = :updated
                        WHERE id = :id""")
                .bind("id", b.id())
                .bind("status", b.status().name()).bind("payment", b.paymentStatus().name())
                .bind("refund", b.refundMinor()).bind("refunded", b.refundedMinor())
                .bind("intent", text(b.paymentIntentId())).bind("secret", text(b.clientSecret()))
                .bind("saga", Parameter.fromOrEmpty(b.sagaId(), UUID.class))
                .bind("by", text(b.cancelledBy() == null ? null : b.cancelledBy().name()))
                .bind("reason", text(b.reason())).bind("updated", utc(b.updatedAt()))
                .fetch().rowsUpdated().thenReturn(b);
    }

    public Mono<Booking> find(UUID id) {
        return db.sql("SELECT * FROM booking WHERE id = :id").bind("id", id).map((row, meta) -> booking(row)).one();
    }

    public Mono<Booking> lock(UUID id) {
        return db.sql("SELECT * FROM booking WHERE id = :id FOR UPDATE").bind("id", id).map((row, meta) -> booking(row)).one();
    }

    /** Every booking of a teaching session, locked in id order (the order every multi-booking lock keeps). */
    public Mono<List<Booking>> lockSession(UUID sessionId) {
        return db.sql("SELECT * FROM booking WHERE teaching_session_id = :sid ORDER BY id FOR UPDATE")
                .bind("sid", sessionId).map((row, meta) -> booking(row)).all().collectList();
    }

    public Mono<List<Booking>> ofSession(UUID sessionId) {
        return db.sql("SELECT * FROM booking WHERE teaching_session_id = :sid ORDER BY created_at, id")
                .bind("sid", sessionId).map((row, meta) -> booking(row)).all().collectList();
    }

    /** The student's live booking in a teaching session, if any. */
    public Mono<Booking> liveOfStudent(UUID sessionId, long studentId) {
        return db.sql("SELECT * FROM booking WHERE teaching_session_id = :sid AND student_id = :s AND status IN " + LIVE)
                .bind("sid", sessionId).bind("s", studentId).map((row, meta) -> booking(row)).one();
    }

    public Mono<Boolean> hasLiveSeat(long slotId, long studentId) {
        return db.sql("SELECT 1 FROM booking WHERE slot_id = :slot AND student_id = :s AND status IN " + LIVE)
                .bind("slot", slotId).bind("s", studentId).map((row, meta) -> Boolean.TRUE).all().hasElements();
    }

    public Flux<Booking> page(String owner, long ownerId, int limit, long offset) {
        return db.sql("SELECT * FROM booking WHERE " + owner + " = :o ORDER BY starts_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("o", ownerId).bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> booking(row)).all();
    }

    public Mono<Long> count(String owner, long ownerId) {
        return db.sql("SELECT count(*) AS n FROM booking WHERE " + owner + " = :o").bind("o", ownerId)
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /** Holds past their expiry and unpaid, claimed for this transaction (replicas skip each other's). */
    public Mono<List<Booking>> claimExpiredHolds(Instant now, int limit) {
        return db.sql("""
                        SELECT * FROM booking WHERE status IN ('HELD', 'PENDING_PAYMENT')
                          AND payment_status NOT IN ('SUCCEEDED', 'PACKAGE_CREDIT')
                          AND hold_expires_at <= :now
                        ORDER BY hold_expires_at, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", utc(now)).bind("limit", limit).map((row, meta) -> booking(row)).all().collectList();
    }

    static Booking booking(Readable row) {
        String by = row.get("cancelled_by", String.class);
        return new Booking(row.get("id", UUID.class), row.get("slot_id", Long.class),
                row.get("teaching_session_id", UUID.class), row.get("tutor_id", Long.class),
                row.get("student_id", Long.class), BookingStatus.valueOf(row.get("status", String.class)),
                PaymentStatus.valueOf(row.get("payment_status", String.class)), row.get("session_type", String.class),
                row.get("max_participants", Integer.class), instant(row.get("starts_at", OffsetDateTime.class)),
                instant(row.get("ends_at", OffsetDateTime.class)), row.get("timezone", String.class),
                row.get("student_timezone", String.class), row.get("subject", String.class),
                row.get("notes", String.class), row.get("price_minor", Long.class), row.get("currency", String.class),
                row.get("refund_minor", Long.class), row.get("refunded_minor", Long.class),
                row.get("payment_intent_id", String.class), row.get("client_secret", String.class),
                instant(row.get("hold_expires_at", OffsetDateTime.class)), row.get("saga_id", UUID.class),
                by == null ? null : CancelledBy.valueOf(by), row.get("reason", String.class),
                instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)));
    }

    private static SlotRow slotRow(Readable row) {
        return new SlotRow(row.get("id", Long.class), row.get("tutor_id", Long.class), row.get("session_type", String.class),
                row.get("max_participants", Integer.class), row.get("booked_count", Integer.class),
                instant(row.get("starts_at", OffsetDateTime.class)), instant(row.get("ends_at", OffsetDateTime.class)),
                row.get("timezone", String.class), row.get("teaching_session_id", UUID.class),
                Boolean.TRUE.equals(row.get("generated", Boolean.class)),
                instant(row.get("cancelled_at", OffsetDateTime.class)));
    }

    static Parameter text(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

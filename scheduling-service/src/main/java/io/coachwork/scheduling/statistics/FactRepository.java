package io.coachwork.scheduling.statistics;

import io.coachwork.scheduling.statistics.domain.StatementPeriod;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Writes facts and statement marks from events; reads the aggregates statistics answer with. */
@Repository
public class FactRepository {

    private final DatabaseClient db;

    public FactRepository(DatabaseClient db) {
        this.db = db;
    }

    /** True when the fact is new; the same fact again changes nothing. */
    Mono<Boolean> add(Fact f, Instant now) {
        return insert(f, now, "ON CONFLICT (kind, source_id) DO NOTHING");
    }

    /**
     * A review's fact, or its new visibility when the event is newer than the one that set it (events of
     * one tutor arrive in order; the guard keeps a replayed older event from undoing a newer one).
     */
    Mono<Boolean> upsertReview(Fact f, Instant now) {
        return insert(f, now, "ON CONFLICT (kind, source_id) DO UPDATE SET hidden = excluded.hidden, "
                + "state_at = excluded.state_at WHERE stat_fact.state_at < excluded.state_at");
    }

    private Mono<Boolean> insert(Fact f, Instant now, String onConflict) {
        return db.sql("""
                        INSERT INTO stat_fact (kind, source_id, tutor_id, at, session_id, booking_id, student_id,
                            amount_minor, commission_minor, net_minor, currency, duration_minutes, rating, hidden,
                            state_at, recorded_at)
                        VALUES (:kind, :source, :tutor, :at, :session, :booking, :student, :amount, :commission, :net,
                            :currency, :duration, :rating, :hidden, :stateAt, :now)
                        """ + onConflict)
                .bind("kind", f.kind()).bind("source", f.sourceId()).bind("tutor", f.tutorId()).bind("at", utc(f.at()))
                .bind("session", Parameter.fromOrEmpty(f.sessionId(), String.class))
                .bind("booking", Parameter.fromOrEmpty(f.bookingId(), String.class))
                .bind("student", Parameter.fromOrEmpty(f.studentId(), Long.class))
                .bind("amount", Parameter.fromOrEmpty(f.amountMinor(), Long.class))
                .bind("commission", Parameter.fromOrEmpty(f.commissionMinor(), Long.class))
                .bind("net", Parameter.fromOrEmpty(f.netMinor(), Long.class))
                .bind("currency", Parameter.fromOrEmpty(f.currency(), String.class))
                .bind("duration", Parameter.fromOrEmpty(f.durationMinutes(), Integer.class))
                .bind("rating", Parameter.fromOrEmpty(f.rating() == null ? null : f.rating().shortValue(), Short.class))
                .bind("hidden", f.hidden())
                .bind("stateAt", Parameter.fromOrEmpty(Fact.REVIEW.equals(f.kind()) ? utc(f.at()) : null,
                        OffsetDateTime.class))
                .bind("now", utc(now))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Marks a tutor's period as needing a (new) statement once it closes. */
    Mono<Void> markDue(long tutorId, StatementPeriod period, Instant closesAt) {
        return db.sql("""
                        INSERT INTO statement_due (tutor_id, period, period_start, closes_at)
                        VALUES (:t, :p, :s, :c) ON CONFLICT (tutor_id, period, period_start) DO NOTHING""")
                .bind("t", tutorId).bind("p", period.kind().value()).bind("s", period.start()).bind("c", utc(closesAt))
                .fetch().rowsUpdated().then();
    }

    // --- aggregates ---------------------------------------------------------------------------------

    /** Sessions dated in [from, to), of one tutor or (tutor null) of everyone. */
    record SessionCounts(long total, long completed, long cancelled, long noShow, long completedMinutes,
                         long uniqueStudents) {
    }

    Mono<SessionCounts> sessions(Long tutorId, Instant from, Instant to) {
        return bindRange(db.sql("""
                        SELECT count(DISTINCT session_id) FILTER (WHERE kind <> 'student_taught') AS total,
                               count(*) FILTER (WHERE kind = 'session_completed') AS completed,
                               count(*) FILTER (WHERE kind = 'session_cancelled') AS cancelled,
                               count(*) FILTER (WHERE kind = 'session_no_show') AS no_show,
                               coalesce(sum(duration_minutes) FILTER (WHERE kind = 'session_completed'), 0) AS minutes,
                               count(DISTINCT student_id) FILTER (WHERE kind = 'student_taught') AS students
                        FROM stat_fact
                        WHERE kind IN ('session_scheduled', 'session_completed', 'session_cancelled', 'session_no_show',
                                       'student_taught')
                          AND at >= :from AND at < :to""" + tutor(tutorId)), tutorId, from, to)
                .map((row, meta) -> new SessionCounts(n(row, "total"), n(row, "completed"), n(row, "cancelled"),
                        n(row, "no_show"), n(row, "minutes"), n(row, "students")))
                .one();
    }

    record BookingCounts(long confirmed, long cancelled) {
    }

    /** Confirmed bookings dated in the range, and how many of those were cancelled since. */
    Mono<BookingCounts> bookings(Long tutorId, Instant from, Instant to) {
        return bindRange(db.sql("""
                        SELECT count(*) AS confirmed, count(c.id) AS cancelled
                        FROM stat_fact b
                        LEFT JOIN stat_fact c ON c.kind = 'booking_cancelled' AND c.source_id = b.source_id
                        WHERE b.kind = 'booking_confirmed' AND b.at >= :from AND b.at < :to"""
                        + (tutorId == null ? "" : " AND b.tutor_id = :tutor")), tutorId, from, to)
                .map((row, meta) -> new BookingCounts(n(row, "confirmed"), n(row, "cancelled")))
                .one();
    }

    /** Per currency: confirmed bookings in range never cancelled, and their prices' sum. */
    record PriceSum(String currency, long bookings, long totalMinor) {
    }

    Mono<List<PriceSum>> prices(Instant from, Instant to) {
        return bindRange(db.sql("""
                        SELECT b.currency, count(*) AS n, sum(b.amount_minor) AS total
                        FROM stat_fact b
                        WHERE b.kind = 'booking_confirmed' AND b.at >= :from AND b.at < :to AND b.currency IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM stat_fact c WHERE c.kind = 'booking_cancelled'
                                          AND c.source_id = b.source_id)
                        GROUP BY b.currency ORDER BY b.currency"""), null, from, to)
                .map((row, meta) -> new PriceSum(row.get("currency", String.class), n(row, "n"), n(row, "total")))
                .all().collectList();
    }

    record ReviewCounts(long reviews, long ratingTotal, long positive) {
    }

    /** Visible reviews published in the range; positive = 4 or 5 stars. */
    Mono<ReviewCounts> reviews(Long tutorId, Instant from, Instant to) {
        return bindRange(db.sql("""
                        SELECT count(*) AS n, coalesce(sum(rating), 0) AS total, count(*) FILTER (WHERE rating >= 4) AS positive
                        FROM stat_fact WHERE kind = 'review' AND NOT hidden AND at >= :from AND at < :to"""
                        + tutor(tutorId)), tutorId, from, to)
                .map((row, meta) -> new ReviewCounts(n(row, "n"), n(row, "total"), n(row, "positive")))
                .one();
    }

    record EarningSum(String currency, long sessions, long grossMinor, long commissionMinor, long netMinor) {
    }

    /** Earnings released in the range, per currency. */
    Mono<List<EarningSum>> earnings(Long tutorId, Instant from, Instant to) {
        return bindRange(db.sql("""
                        SELECT currency, count(*) AS n, sum(amount_minor) AS gross, sum(commission_minor) AS commission,
                               sum(net_minor) AS net
                        FROM stat_fact WHERE kind = 'earning' AND at >= :from AND at < :to""" + tutor(tutorId)
                        + " GROUP BY currency ORDER BY currency"), tutorId, from, to)
                .map((row, meta) -> new EarningSum(row.get("currency", String.class), n(row, "n"), n(row, "gross"),
                        n(row, "commission"), n(row, "net")))
                .all().collectList();
    }

    record Coaches(long active, long activeBefore, long retained) {
    }

    /**
     * Coaches with a completed session in [from, to), in the equal period before ([previousFrom, from)),
     * and in both.
     */
    Mono<Coaches> coaches(Instant previousFrom, Instant from, Instant to) {
        return db.sql("""
                        SELECT count(*) FILTER (WHERE in_range) AS active, count(*) FILTER (WHERE in_previous) AS previous,
                               count(*) FILTER (WHERE in_previous AND in_range) AS retained
                        FROM (SELECT tutor_id, bool_or(at < :from) AS in_previous, bool_or(at >= :from) AS in_range
                              FROM stat_fact WHERE kind = 'session_completed' AND at >= :previous AND at < :to
                              GROUP BY tutor_id) t""")
                .bind("previous", utc(previousFrom)).bind("from", utc(from)).bind("to", utc(to))
                .map((row, meta) -> new Coaches(n(row, "active"), n(row, "previous"), n(row, "retained")))
                .one();
    }

    /** A tutor's earnings released in [from, to), oldest first, with the booked session's start when known. */
    Mono<List<EarningRow>> earningRows(long tutorId, Instant from, Instant to) {
        return db.sql("""
                        SELECT e.booking_id, e.session_id, e.student_id, e.at, e.currency, e.amount_minor,
                               e.commission_minor, e.net_minor, b.at AS starts_at
                        FROM stat_fact e
                        LEFT JOIN stat_fact b ON b.kind = 'booking_confirmed' AND b.source_id = e.source_id
                        WHERE e.kind = 'earning' AND e.tutor_id = :tutor AND e.at >= :from AND e.at < :to
                        ORDER BY e.at, e.id""")
                .bind("tutor", tutorId).bind("from", utc(from)).bind("to", utc(to))
                .map((row, meta) -> new EarningRow(row.get("booking_id", String.class), row.get("session_id", String.class),
                        row.get("student_id", Long.class), instant(row.get("starts_at", OffsetDateTime.class)),
                        instant(row.get("at", OffsetDateTime.class)), row.get("currency", String.class),
                        n(row, "amount_minor"), n(row, "commission_minor"), n(row, "net_minor")))
                .all().collectList();
    }

    record EarningRow(String bookingId, String sessionId, Long studentId, Instant sessionStartsAt, Instant releasedAt,
                      String currency, long grossMinor, long commissionMinor, long netMinor) {
    }

    record Due(long tutorId, StatementPeriod period) {
    }

    /** Closed periods that got earnings since their last statement, claimed so replicas never take the same one. */
    Mono<List<Due>> claimDue(Instant now, int batch) {
        return db.sql("""
                        SELECT tutor_id, period, period_start FROM statement_due WHERE closes_at <= :now
                        ORDER BY closes_at, tutor_id, period LIMIT :n FOR UPDATE SKIP LOCKED""")
                .bind("now", utc(now)).bind("n", batch)
                .map((row, meta) -> new Due(row.get("tutor_id", Long.class), new StatementPeriod(
                        StatementPeriod.Kind.parse("period", row.get("period", String.class)),
                        row.get("period_start", LocalDate.class))))
                .all().collectList();
    }

    Mono<Void> clearDue(Due d) {
        return db.sql("DELETE FROM statement_due WHERE tutor_id = :t AND period = :p AND period_start = :s")
                .bind("t", d.tutorId()).bind("p", d.period().kind().value()).bind("s", d.period().start())
                .fetch().rowsUpdated().then();
    }

    private static String tutor(Long tutorId) {
        return tutorId == null ? "" : " AND tutor_id = :tutor";
    }

    private static DatabaseClient.GenericExecuteSpec bindRange(DatabaseClient.GenericExecuteSpec spec, Long tutorId,
                                                               Instant from, Instant to) {
        spec = spec.bind("from", utc(from)).bind("to", utc(to));
        return tutorId == null ? spec : spec.bind("tutor", tutorId);
    }

    private static long n(Readable row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

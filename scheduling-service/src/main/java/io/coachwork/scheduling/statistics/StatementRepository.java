package io.coachwork.scheduling.statistics;

import io.coachwork.scheduling.statistics.domain.Statement;
import io.coachwork.scheduling.statistics.domain.StatementPeriod;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Earnings statements and their lines; rows are only ever inserted. */
@Repository
public class StatementRepository {

    private final DatabaseClient db;

    public StatementRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A statement without its lines. */
    record Header(long id, long tutorId, StatementPeriod period, String timeZone, int version, boolean closed,
                  int factCount, Instant createdAt) {
    }

    /** Serialises statement making for one tutor until the transaction ends (job replicas and on-demand calls). */
    Mono<Void> lockTutor(long tutorId) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('earnings_statement:' || :t)) IS NULL AS locked")
                .bind("t", Long.toString(tutorId)).fetch().all().then();
    }

    Mono<Header> latest(long tutorId, StatementPeriod period) {
        return db.sql("""
                        SELECT * FROM earnings_statement WHERE tutor_id = :t AND period = :p AND period_start = :s
                        ORDER BY version DESC LIMIT 1""")
                .bind("t", tutorId).bind("p", period.kind().value()).bind("s", period.start())
                .map(StatementRepository::toHeader).one();
    }

    Mono<Header> find(long id) {
        return db.sql("SELECT * FROM earnings_statement WHERE id = :id").bind("id", id)
                .map(StatementRepository::toHeader).one();
    }

    Mono<Long> insert(long tutorId, StatementPeriod period, String zone, int version, boolean closed, int factCount,
                      Instant now) {
        return db.sql("""
                        INSERT INTO earnings_statement (tutor_id, period, period_start, period_end, time_zone, version,
                            closed, fact_count, created_at)
                        VALUES (:t, :p, :s, :e, :z, :v, :closed, :n, :now) RETURNING id""")
                .bind("t", tutorId).bind("p", period.kind().value()).bind("s", period.start())
                .bind("e", period.lastDay()).bind("z", zone).bind("v", version).bind("closed", closed)
                .bind("n", factCount).bind("now", FactRepository.utc(now))
                .map((row, meta) -> row.get("id", Long.class)).one();
    }

    Mono<Void> insertLines(long statementId, List<Statement.Line> lines) {
        return Flux.range(0, lines.size()).concatMap(i -> {
            Statement.Line l = lines.get(i);
            return db.sql("""
                            INSERT INTO earnings_statement_line (statement_id, line_no, booking_id, session_id, student_id,
                                student_name, session_starts_at, released_at, currency, gross_minor, commission_minor,
                                net_minor)
                            VALUES (:id, :no, :booking, :session, :student, :name, :starts, :released, :currency, :gross,
                                :commission, :net)""")
                    .bind("id", statementId).bind("no", i + 1).bind("booking", l.bookingId())
                    .bind("session", Parameter.fromOrEmpty(l.sessionId(), String.class))
                    .bind("student", Parameter.fromOrEmpty(l.studentId(), Long.class))
                    .bind("name", Parameter.fromOrEmpty(l.studentName(), String.class))
                    .bind("starts", Parameter.fromOrEmpty(FactRepository.utc(l.sessionStartsAt()), OffsetDateTime.class))
                    .bind("released", FactRepository.utc(l.releasedAt())).bind("currency", l.currency())
                    .bind("gross", l.grossMinor()).bind("commission", l.commissionMinor()).bind("net", l.netMinor())
                    .fetch().rowsUpdated();
        }).then();
    }

    Mono<Statement> withLines(Header h) {
        return lines(List.of(h.id())).map(all -> statement(h, all.getOrDefault(h.id(), List.of())));
    }

    /** The lines of several statements in one query, by statement id. */
    Mono<Map<Long, List<Statement.Line>>> lines(Collection<Long> ids) {
        return db.sql("SELECT * FROM earnings_statement_line WHERE statement_id = ANY(:ids) ORDER BY statement_id, line_no")
                .bind("ids", ids.toArray(Long[]::new))
                .map((row, meta) -> Map.entry(row.get("statement_id", Long.class), new Statement.Line(
                        row.get("booking_id", String.class), row.get("session_id", String.class),
                        row.get("student_id", Long.class), row.get("student_name", String.class),
                        FactRepository.instant(row.get("session_starts_at", OffsetDateTime.class)),
                        FactRepository.instant(row.get("released_at", OffsetDateTime.class)),
                        row.get("currency", String.class), row.get("gross_minor", Long.class),
                        row.get("commission_minor", Long.class), row.get("net_minor", Long.class))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The latest version of each of the tutor's statements, newest period first. */
    Mono<List<Header>> page(long tutorId, StatementPeriod.Kind kind, int limit, long offset) {
        return bindKind(db.sql("SELECT * FROM (" + latestVersions(kind) + ") s "
                        + "ORDER BY period_start DESC, period LIMIT :limit OFFSET :offset"), tutorId, kind)
                .bind("limit", limit).bind("offset", offset)
                .map(StatementRepository::toHeader).all().collectList();
    }

    Mono<Long> count(long tutorId, StatementPeriod.Kind kind) {
        return bindKind(db.sql("SELECT count(*) AS n FROM (" + latestVersions(kind) + ") s"), tutorId, kind)
                .map((row, meta) -> ((Number) row.get("n")).longValue()).one();
    }

    private static String latestVersions(StatementPeriod.Kind kind) {
        return "SELECT DISTINCT ON (period, period_start) * FROM earnings_statement WHERE tutor_id = :t"
                + (kind == null ? "" : " AND period = :p") + " ORDER BY period, period_start, version DESC";
    }

    private static DatabaseClient.GenericExecuteSpec bindKind(DatabaseClient.GenericExecuteSpec spec, long tutorId,
                                                              StatementPeriod.Kind kind) {
        spec = spec.bind("t", tutorId);
        return kind == null ? spec : spec.bind("p", kind.value());
    }

    static Statement statement(Header h, List<Statement.Line> lines) {
        return new Statement(h.id(), h.tutorId(), h.period(), h.timeZone(), h.version(), h.closed(), h.createdAt(),
                lines);
    }

    private static Header toHeader(Readable row) {
        return new Header(row.get("id", Long.class), row.get("tutor_id", Long.class),
                new StatementPeriod(StatementPeriod.Kind.parse("period", row.get("period", String.class)),
                        row.get("period_start", LocalDate.class)),
                row.get("time_zone", String.class), row.get("version", Integer.class), row.get("closed", Boolean.class),
                row.get("fact_count", Integer.class),
                FactRepository.instant(row.get("created_at", OffsetDateTime.class)));
    }
}

package io.coachwork.scheduling.statistics;

import io.coachwork.platform.directory.DirectoryUser;
import io.coachwork.platform.directory.UserDirectory;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.statistics.domain.DateRange;
import io.coachwork.scheduling.statistics.domain.Statement;
import io.coachwork.scheduling.statistics.domain.StatementPeriod;
import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Violations;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Earnings statements: a week (Monday to Sunday) or a month of the tutor's released earnings, in the
 * tutor's zone. A statement is a frozen snapshot: asking again for the same period returns it unless
 * earnings arrived since (or the period closed since), and then a new version is made beside it, so a
 * statement someone already downloaded never changes under them. Each new one is announced
 * ({@code coachwork.scheduling.statement.created.v1}) in the same transaction.
 */
@Service
public class StatementService {

    private final StatementRepository statements;
    private final FactRepository facts;
    private final TutorZones zones;
    private final UserDirectory directory;
    private final StatementEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public StatementService(StatementRepository statements, FactRepository facts, TutorZones zones,
                            UserDirectory directory, StatementEvents events, TransactionalOperator tx, Clock clock) {
        this.statements = statements;
        this.facts = facts;
        this.zones = zones;
        this.directory = directory;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** A statement and whether this call made it. */
    public record Made(Statement statement, boolean created) {
    }

    public Mono<Made> request(CurrentUser user, StatementRequest body) {
        return Mono.defer(() -> {
            if (body == null) {
                throw new InvalidInput("period", "period is required: weekly or monthly");
            }
            long tutorId = StatisticsAccess.tutorOf(user, body.tutorId());
            StatementPeriod.Kind kind = StatementPeriod.Kind.parse("period", body.period());
            if (body.periodStart() == null || body.periodStart().isBlank()) {
                throw new InvalidInput("period_start", "period_start is required");
            }
            StatementPeriod period = new StatementPeriod(kind, DateRange.parseDate("period_start", body.periodStart()));
            return zones.of(tutorId).flatMap(zone -> {
                if (period.start().isAfter(LocalDate.now(clock.withZone(zone)))) {
                    throw new InvalidInput("period_start", "period_start must not be in the future");
                }
                return tx.transactional(make(tutorId, period, zone, now()));
            });
        }).onErrorMap(Violations::toApi);
    }

    /**
     * The latest statement of the period if nothing changed since it was made, else a new version; in
     * the caller's transaction, serialised per tutor.
     */
    Mono<Made> make(long tutorId, StatementPeriod period, ZoneId zone, Instant now) {
        boolean closed = period.closedAt(now, zone);
        return statements.lockTutor(tutorId)
                .then(facts.earningRows(tutorId, period.startInstant(zone), period.endInstant(zone)))
                .flatMap(rows -> statements.latest(tutorId, period)
                        .map(latest -> latest.factCount() == rows.size() && latest.closed() == closed
                                ? statements.withLines(latest).map(s -> new Made(s, false))
                                : create(tutorId, period, zone, latest.version() + 1, closed, rows, now))
                        .defaultIfEmpty(Mono.defer(() -> create(tutorId, period, zone, 1, closed, rows, now)))
                        .flatMap(made -> made));
    }

    private Mono<Made> create(long tutorId, StatementPeriod period, ZoneId zone, int version, boolean closed,
                              List<FactRepository.EarningRow> rows, Instant now) {
        List<Long> students = rows.stream().map(FactRepository.EarningRow::studentId).filter(Objects::nonNull)
                .distinct().toList();
        Mono<Map<Long, String>> names = students.isEmpty() ? Mono.just(Map.of())
                : directory.findAll(students).filter(u -> u.name() != null)
                .collectMap(DirectoryUser::userId, DirectoryUser::name);
        return names.flatMap(byId -> {
            List<Statement.Line> lines = rows.stream().map(r -> new Statement.Line(r.bookingId(), r.sessionId(),
                    r.studentId(), r.studentId() == null ? null : byId.get(r.studentId()), r.sessionStartsAt(),
                    r.releasedAt(), r.currency(), r.grossMinor(), r.commissionMinor(), r.netMinor())).toList();
            return statements.insert(tutorId, period, zone.getId(), version, closed, rows.size(), now)
                    .map(id -> new Statement(id, tutorId, period, zone.getId(), version, closed, now, lines))
                    .flatMap(s -> statements.insertLines(s.id(), lines).then(events.created(s)).thenReturn(new Made(s, true)));
        });
    }

    public Mono<Statement> read(CurrentUser user, String ref) {
        Long id = id(ref);
        if (id == null) {
            return Mono.error(ApiException.notFound("Statement not found"));
        }
        return statements.find(id)
                .switchIfEmpty(Mono.error(ApiException.notFound("Statement not found")))
                .flatMap(h -> {
                    if (!StatisticsAccess.mayRead(user, h.tutorId())) {
                        return Mono.error(ApiException.forbidden("You can read only your own statements"));
                    }
                    return statements.withLines(h);
                });
    }

    public Mono<StatementViews.StatementPage> list(CurrentUser user, String tutorParam, String period, String page,
                                                   String limit) {
        return Mono.defer(() -> {
            long tutorId = StatisticsAccess.tutorOf(user, tutorParam);
            StatementPeriod.Kind kind = period == null || period.isBlank() ? null
                    : StatementPeriod.Kind.parse("period", period);
            PageQuery query = PageQuery.of(page, limit);
            return statements.count(tutorId, kind).flatMap(total -> statements.page(tutorId, kind, query.limit(),
                            query.offset())
                    .flatMap(headers -> statements.lines(headers.stream().map(StatementRepository.Header::id).toList())
                            .map(lines -> new StatementViews.StatementPage(headers.stream()
                                    .map(h -> StatementViews.Summary.of(StatementRepository.statement(h,
                                            lines.getOrDefault(h.id(), List.of()))))
                                    .collect(Collectors.toList()), Pagination.of(total, query)))));
        }).onErrorMap(Violations::toApi);
    }

    /** {@code 12} or {@code 12.csv}; anything else is no statement. */
    static Long id(String ref) {
        String digits = ref.endsWith(".csv") ? ref.substring(0, ref.length() - 4) : ref;
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(digits);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.coachwork.scheduling.statistics;

import io.coachwork.platform.money.Money;
import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.statistics.domain.Statement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Statements as the API shows them: period (last day included), version, totals per currency, sessions. */
public final class StatementViews {

    private StatementViews() {
    }

    public record Total(String currency, int sessions, BigDecimal gross, BigDecimal commission, BigDecimal net) {

        static Total of(Statement.Total t) {
            return new Total(t.currency(), t.sessions(), t.gross().compact(), t.commission().compact(), t.net().compact());
        }
    }

    public record Line(String bookingId, String sessionId, Long studentId, String studentName, Instant sessionStartsAt,
                       Instant releasedAt, String currency, BigDecimal gross, BigDecimal commission, BigDecimal net) {

        static Line of(Statement.Line l) {
            return new Line(l.bookingId(), l.sessionId(), l.studentId(), l.studentName(), l.sessionStartsAt(),
                    l.releasedAt(), l.currency(), Money.of(l.grossMinor(), l.currency()).compact(),
                    Money.of(l.commissionMinor(), l.currency()).compact(), Money.of(l.netMinor(), l.currency()).compact());
        }
    }

    public record Summary(long id, long tutorId, String period, LocalDate periodStart, LocalDate periodEnd,
                          String timeZone, int version, boolean closed, Instant createdAt, List<Total> totals,
                          String csvUrl) {

        static Summary of(Statement s) {
            return new Summary(s.id(), s.tutorId(), s.period().kind().value(), s.period().start(), s.period().lastDay(),
                    s.timeZone(), s.version(), s.closed(), s.createdAt(), s.totals().stream().map(Total::of).toList(),
                    StatementViews.csvUrl(s.id()));
        }
    }

    public record Detail(long id, long tutorId, String period, LocalDate periodStart, LocalDate periodEnd,
                         String timeZone, int version, boolean closed, Instant createdAt, List<Total> totals,
                         List<Line> sessions, String csvUrl) {

        static Detail of(Statement s) {
            return new Detail(s.id(), s.tutorId(), s.period().kind().value(), s.period().start(), s.period().lastDay(),
                    s.timeZone(), s.version(), s.closed(), s.createdAt(), s.totals().stream().map(Total::of).toList(),
                    s.lines().stream().map(Line::of).toList(), StatementViews.csvUrl(s.id()));
        }
    }

    public record StatementPage(List<Summary> statements, Pagination pagination) {
    }

    static String csvUrl(long id) {
        return "/api/teaching/statements/" + id + ".csv";
    }
}

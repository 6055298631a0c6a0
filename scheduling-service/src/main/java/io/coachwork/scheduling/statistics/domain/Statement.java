package io.coachwork.scheduling.statistics.domain;

import io.coachwork.platform.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of a tutor's earnings statement: every earning released in the period, frozen when the
 * statement was made. Totals are summed per currency, never across currencies.
 */
public record Statement(long id, long tutorId, StatementPeriod period, String timeZone, int version, boolean closed,
                        Instant createdAt, List<Line> lines) {

    /** A completed session's earning: gross = commission + net, in minor units of {@code currency}. */
    public record Line(String bookingId, String sessionId, Long studentId, String studentName, Instant sessionStartsAt,
                       Instant releasedAt, String currency, long grossMinor, long commissionMinor, long netMinor) {
    }

    public record Total(String currency, int sessions, Money gross, Money commission, Money net) {

        static Total of(Line l) {
            return new Total(l.currency(), 1, Money.of(l.grossMinor(), l.currency()),
                    Money.of(l.commissionMinor(), l.currency()), Money.of(l.netMinor(), l.currency()));
        }

        Total plus(Total o) {
            return new Total(currency, sessions + o.sessions, gross.plus(o.gross), commission.plus(o.commission),
                    net.plus(o.net));
        }
    }

    /** Totals by currency, in currency-code order. */
    public List<Total> totals() {
        Map<String, Total> byCurrency = new TreeMap<>();
        for (Line l : lines) {
            byCurrency.merge(l.currency(), Total.of(l), Total::plus);
        }
        return List.copyOf(byCurrency.values());
    }
}

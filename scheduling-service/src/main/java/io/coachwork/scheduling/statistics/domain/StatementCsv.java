package io.coachwork.scheduling.statistics.domain;

import io.coachwork.platform.money.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A statement as CSV (RFC 4180): a header row, one row per session, then one TOTAL row per currency;
 * CRLF line ends; a field holding a comma, quote or line break is quoted with quotes doubled. Text
 * a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with an
 * apostrophe. Amounts are in major units with the currency's decimals; times are local to the tutor.
 */
public final class StatementCsv {

    static final String HEADER = "statement_id,version,period,period_start,period_end,booking_id,session_id,"
            + "student_id,student_name,session_starts_at,released_at,currency,gross,commission,net";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private StatementCsv() {
    }

    public static String write(Statement s) {
        ZoneId zone = ZoneId.of(s.timeZone());
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        String prefix = s.id() + "," + s.version() + "," + s.period().kind().value() + "," + s.period().start() + ","
                + s.period().lastDay() + ",";
        for (Statement.Line l : s.lines()) {
            csv.append(prefix).append(String.join(",", List.of(field(l.bookingId()), field(l.sessionId()),
                    l.studentId() == null ? "" : l.studentId().toString(), field(l.studentName()),
                    local(l.sessionStartsAt(), zone), local(l.releasedAt(), zone), field(l.currency()),
                    amount(l.grossMinor(), l.currency()), amount(l.commissionMinor(), l.currency()),
                    amount(l.netMinor(), l.currency())))).append("\r\n");
        }
        for (Statement.Total t : s.totals()) {
            csv.append(prefix).append("TOTAL,,,").append(t.sessions()).append(" sessions,,,").append(field(t.currency()))
                    .append(',').append(t.gross().major().toPlainString())
                    .append(',').append(t.commission().major().toPlainString())
                    .append(',').append(t.net().major().toPlainString()).append("\r\n");
        }
        return csv.toString();
    }

    /** One CSV field: quoted when needed, formula-looking text defused. */
    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String amount(long minor, String currency) {
        return Money.of(minor, currency).major().toPlainString();
    }

    private static String local(Instant t, ZoneId zone) {
        return t == null ? "" : LOCAL.format(t.atZone(zone));
    }
}

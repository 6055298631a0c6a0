package io.coachwork.scheduling.statistics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement CSV: header, one row per session, totals per currency, RFC 4180 quoting, no spreadsheet formulas. */
class StatementCsvTest {

    private static Statement statement(List<Statement.Line> lines) {
        return new Statement(7, 1001, new StatementPeriod(StatementPeriod.Kind.WEEKLY, LocalDate.of(2026, 11, 23)),
                "Africa/Lagos", 2, true, Instant.parse("2026-11-30T03:30:00Z"), lines);
    }

    @Test
    void aStatementAsCsv() {
        Statement s = statement(List.of(
                new Statement.Line("b-1", "s-1", 2001L, "Nia \"Ace\" Obi, Jr.", Instant.parse("2026-11-24T17:00:00Z"),
                        Instant.parse("2026-11-24T18:05:00Z"), "USD", 6000, 600, 5400),
                new Statement.Line("b-2", "s-2", 2002L, "=HYPERLINK(\"x\")", null, Instant.parse("2026-11-25T09:00:00Z"),
                        "USD", 4550, 455, 4095),
                new Statement.Line("b-3", null, null, null, null, Instant.parse("2026-11-26T09:00:00Z"), "NGN", 1500000,
                        150000, 1350000)));
        assertThat(StatementCsv.write(s)).isEqualTo(String.join("\r\n",
                "statement_id,version,period,period_start,period_end,booking_id,session_id,student_id,student_name,"
                        + "session_starts_at,released_at,currency,gross,commission,net",
                "7,2,weekly,2026-11-23,2026-11-29,b-1,s-1,2001,\"Nia \"\"Ace\"\" Obi, Jr.\",2026-11-24 18:00,2026-11-24 19:05,"
                        + "USD,60.00,6.00,54.00",
                "7,2,weekly,2026-11-23,2026-11-29,b-2,s-2,2002,\"'=HYPERLINK(\"\"x\"\")\",,2026-11-25 10:00,USD,45.50,4.55,40.95",
                "7,2,weekly,2026-11-23,2026-11-29,b-3,,,,,2026-11-26 10:00,NGN,15000.00,1500.00,13500.00",
                "7,2,weekly,2026-11-23,2026-11-29,TOTAL,,,1 sessions,,,NGN,15000.00,1500.00,13500.00",
                "7,2,weekly,2026-11-23,2026-11-29,TOTAL,,,2 sessions,,,USD,105.50,10.55,94.95", ""));
    }

    @Test
    void anEmptyStatementIsJustTheHeader() {
        assertThat(StatementCsv.write(statement(List.of()))).isEqualTo(StatementCsv.HEADER + "\r\n");
    }

    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBe() {
        assertThat(StatementCsv.field("plain")).isEqualTo("plain");
        assertThat(StatementCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(StatementCsv.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(StatementCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(StatementCsv.field("+1 555")).isEqualTo("'+1 555");
        assertThat(StatementCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(StatementCsv.field("-2")).isEqualTo("'-2");
        assertThat(StatementCsv.field(null)).isEmpty();
    }

    @Test
    void totalsArePerCurrencyAndNeverMixed() {
        Statement s = statement(List.of(
                new Statement.Line("b-1", "s-1", 1L, null, null, Instant.EPOCH, "USD", 6000, 600, 5400),
                new Statement.Line("b-2", "s-2", 1L, null, null, Instant.EPOCH, "JPY", 5000, 500, 4500),
                new Statement.Line("b-3", "s-3", 1L, null, null, Instant.EPOCH, "USD", 3000, 450, 2550)));
        List<Statement.Total> totals = s.totals();
        assertThat(totals).extracting(Statement.Total::currency).containsExactly("JPY", "USD");
        assertThat(totals.get(0).gross().minor()).isEqualTo(5000);
        assertThat(totals.get(0).gross().major()).isEqualByComparingTo("5000");
        assertThat(totals.get(1).sessions()).isEqualTo(2);
        assertThat(totals.get(1).gross().minor()).isEqualTo(9000);
        assertThat(totals.get(1).commission().minor()).isEqualTo(1050);
        assertThat(totals.get(1).net().minor()).isEqualTo(7950);
        assertThat(totals.get(1).commission().plus(totals.get(1).net())).isEqualTo(totals.get(1).gross());
    }
}

package io.coachwork.scheduling.statistics;

import static io.coachwork.scheduling.statistics.StatisticsEvents.booking;
import static io.coachwork.scheduling.statistics.StatisticsEvents.earning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Earnings statements from tutor-earning events: the daily job makes one per closed week and month
 * with earnings, in the tutor's zone; on demand the same period answers the same snapshot until a late
 * earning arrives, which makes a new version beside the old one; JSON and CSV.
 */
class StatementApiTest extends SchedulingIntegrationTest {

    private static final String CRON = "/api/cron/scheduling/earnings-statements";

    private JsonNode runJob() {
        return json(web.get().uri(CRON).headers(h -> h.setBearerAuth(CRON_SECRET)).exchange().expectStatus().isOk())
                .at("/data");
    }

    private long earnings(long tutor) {
        return count("SELECT count(*) FROM stat_fact WHERE tutor_id = $1 AND kind = 'earning'", tutor);
    }

    private JsonNode list(long tutor, String query) {
        return json(get("/api/teaching/statements" + query, TestJwt.tutor(tutor)).expectStatus().isOk()).at("/data");
    }

    private static String body(String period, String start) {
        return "{\"period\": \"" + period + "\", \"period_start\": \"" + start + "\"}";
    }

    @Test
    void theJobMakesLastWeeksAndLastMonthsStatementsInTheTutorsZone() {
        // Wednesday 7 June 2034 in Berlin (summer time, UTC+2)
        clock.set(Instant.parse("2034-06-07T10:00:00Z"));
        long tutor = approvedTutor("Europe/Berlin");
        String token = TestJwt.tutor(tutor);
        long nia = newUser();
        long omar = newUser();
        // the directory knows the students by the name their tokens carry
        get("/api/teaching/reviews/my", TestJwt.token(TestJwt.SECRET, nia, "Nia \"Ace\" Obi, Jr.", "nia@example.com",
                List.of("student"), null, Duration.ofHours(1))).expectStatus().isOk();
        get("/api/teaching/reviews/my", TestJwt.student(omar)).expectStatus().isOk();

        String b1 = UUID.randomUUID().toString();
        String s1 = UUID.randomUUID().toString();
        booking(EventTypes.BOOKING_CONFIRMED, b1, s1, tutor, nia, Instant.parse("2034-05-29T06:00:00Z"), 6000, "USD");
        // Monday 29 May 10:00 Berlin: last week and May
        earning(b1, s1, tutor, nia, 6000, 600, "USD", Instant.parse("2034-05-29T08:00:00Z"));
        // Sunday 4 June 23:30 Berlin: last week, but June (still open)
        earning(UUID.randomUUID().toString(), null, tutor, omar, 4550, 455, "USD", Instant.parse("2034-06-04T21:30:00Z"));
        // Monday 5 June 00:30 Berlin: this week (open)
        earning(UUID.randomUUID().toString(), null, tutor, omar, 1000, 100, "USD", Instant.parse("2034-06-04T22:30:00Z"));
        // Saturday 20 May: the week of 15 May and May
        earning(UUID.randomUUID().toString(), null, tutor, omar, 500_000, 50_000, "NGN", Instant.parse("2034-05-20T12:00:00Z"));
        await().atMost(Duration.ofSeconds(60)).until(() -> earnings(tutor) == 4
                && count("SELECT count(*) FROM statement_due WHERE tutor_id = $1", tutor) == 5);

        assertThat(runJob().at("/statements_created").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(outboxEvents(EventTypes.STATEMENT_CREATED, tutor)).isEqualTo(3);
        JsonNode weekly = list(tutor, "?period=weekly");
        assertThat(weekly.at("/pagination/total").asLong()).isEqualTo(2);
        assertThat(weekly.at("/statements/0/period_start").asString()).isEqualTo("2034-05-29");
        assertThat(weekly.at("/statements/0/period_end").asString()).isEqualTo("2034-06-04");
        assertThat(weekly.at("/statements/0/version").asInt()).isEqualTo(1);
        assertThat(weekly.at("/statements/0/closed").asBoolean()).isTrue();
        assertThat(weekly.at("/statements/0/time_zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(weekly.at("/statements/0/totals/0/gross").decimalValue()).isEqualByComparingTo("105.5");
        assertThat(weekly.at("/statements/1/period_start").asString()).isEqualTo("2034-05-15");
        JsonNode monthly = list(tutor, "?period=monthly");
        assertThat(monthly.at("/pagination/total").asLong()).isEqualTo(1);
        assertThat(monthly.at("/statements/0/period_start").asString()).isEqualTo("2034-05-01");
        assertThat(monthly.at("/statements/0/period_end").asString()).isEqualTo("2034-05-31");
        assertThat(monthly.at("/statements/0/totals").size()).isEqualTo(2);
        assertThat(list(tutor, "").at("/pagination/total").asLong()).isEqualTo(3);
        assertThat(list(tutor, "?limit=1&page=2").at("/statements/0/period_start").asString()).isEqualTo("2034-05-15");

        long week = weekly.at("/statements/0/id").asLong();
        JsonNode detail = json(get("/api/teaching/statements/" + week, token).expectStatus().isOk()).at("/data");
        assertThat(detail.at("/tutor_id").asLong()).isEqualTo(tutor);
        assertThat(detail.at("/period").asString()).isEqualTo("weekly");
        assertThat(detail.at("/sessions").size()).isEqualTo(2);
        assertThat(detail.at("/sessions/0/booking_id").asString()).isEqualTo(b1);
        assertThat(detail.at("/sessions/0/session_id").asString()).isEqualTo(s1);
        assertThat(detail.at("/sessions/0/student_name").asString()).isEqualTo("Nia \"Ace\" Obi, Jr.");
        assertThat(detail.at("/sessions/0/session_starts_at").asString()).isEqualTo("2034-05-29T06:00:00.000Z");
        assertThat(detail.at("/sessions/0/released_at").asString()).isEqualTo("2034-05-29T08:00:00.000Z");
        assertThat(detail.at("/sessions/0/gross").decimalValue()).isEqualByComparingTo("60");
        assertThat(detail.at("/sessions/1/student_name").asString()).isEqualTo("User " + omar);
        assertThat(detail.at("/totals/0/currency").asString()).isEqualTo("USD");
        assertThat(detail.at("/totals/0/sessions").asInt()).isEqualTo(2);
        assertThat(detail.at("/totals/0/gross").decimalValue()).isEqualByComparingTo("105.5");
        assertThat(detail.at("/totals/0/commission").decimalValue()).isEqualByComparingTo("10.55");
        assertThat(detail.at("/totals/0/net").decimalValue()).isEqualByComparingTo("94.95");
        assertThat(detail.at("/csv_url").asString()).isEqualTo("/api/teaching/statements/" + week + ".csv");

        String expectedCsv = String.join("\r\n",
                "statement_id,version,period,period_start,period_end,booking_id,session_id,student_id,student_name,"
                        + "session_starts_at,released_at,currency,gross,commission,net",
                week + ",1,weekly,2034-05-29,2034-06-04," + b1 + "," + s1 + "," + nia
                        + ",\"Nia \"\"Ace\"\" Obi, Jr.\",2034-05-29 08:00,2034-05-29 10:00,USD,60.00,6.00,54.00",
                week + ",1,weekly,2034-05-29,2034-06-04," + detail.at("/sessions/1/booking_id").asString() + ",," + omar
                        + ",User " + omar + ",,2034-06-04 23:30,USD,45.50,4.55,40.95",
                week + ",1,weekly,2034-05-29,2034-06-04,TOTAL,,,2 sessions,,,USD,105.50,10.55,94.95", "");
        var csv = get("/api/teaching/statements/" + week + ".csv", token).expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueEquals("Content-Disposition",
                        "attachment; filename=\"statement-" + tutor + "-weekly-2034-05-29-v1.csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).isEqualTo(expectedCsv);
        String accepted = web.get().uri("/api/teaching/statements/" + week).accept(MediaType.parseMediaType("text/csv"))
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(accepted).isEqualTo(expectedCsv);

        // nothing new: the job and an on-demand request give the same snapshot
        runJob();
        assertThat(list(tutor, "").at("/pagination/total").asLong()).isEqualTo(3);
        JsonNode same = json(call(HttpMethod.POST, "/api/teaching/statements", token, body("weekly", "2034-05-29"))
                .expectStatus().isOk());
        assertThat(same.at("/message").asString()).isEqualTo("Statement unchanged since it was made");
        assertThat(same.at("/data/id").asLong()).isEqualTo(week);

        // a late earning in last week: on demand makes version 2 beside version 1, and the job then finds it current
        earning(UUID.randomUUID().toString(), null, tutor, omar, 2000, 200, "USD", Instant.parse("2034-06-01T09:00:00Z"));
        await().atMost(Duration.ofSeconds(60)).until(() -> earnings(tutor) == 5);
        JsonNode v2 = json(call(HttpMethod.POST, "/api/teaching/statements", token, body("weekly", "2034-05-29"))
                .expectStatus().isCreated()).at("/data");
        assertThat(v2.at("/version").asInt()).isEqualTo(2);
        assertThat(v2.at("/sessions").size()).isEqualTo(3);
        assertThat(v2.at("/totals/0/gross").decimalValue()).isEqualByComparingTo("125.5");
        long v2Id = v2.at("/id").asLong();
        JsonNode announced = TopicProbe.awaitRecord(Topics.SCHEDULING_PROFILES, r -> {
                    JsonNode event = TestEvents.json().readTree(r.value());
                    return event.at("/type").asString().equals(EventTypes.STATEMENT_CREATED)
                            && event.at("/data/statement_id").asLong() == v2Id;
                }, Duration.ofSeconds(30))
                .map(r -> TestEvents.json().readTree(r.value()).at("/data")).orElseThrow();
        assertThat(announced.at("/tutor_id").asLong()).isEqualTo(tutor);
        assertThat(announced.at("/period_start").asString()).isEqualTo("2034-05-29");
        assertThat(announced.at("/period_end").asString()).isEqualTo("2034-06-04");
        assertThat(announced.at("/version").asInt()).isEqualTo(2);
        assertThat(announced.at("/totals/0/gross_minor").asLong()).isEqualTo(12_550);
        assertThat(announced.at("/totals/0/net_minor").asLong()).isEqualTo(11_295);
        assertThat(json(get("/api/teaching/statements/" + week, token).expectStatus().isOk())
                .at("/data/sessions").size()).isEqualTo(2);
        runJob();
        assertThat(count("SELECT count(*) FROM earnings_statement WHERE tutor_id = $1 AND period = 'weekly' "
                + "AND period_start = '2034-05-29'", tutor)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM earnings_statement WHERE tutor_id = $1 AND period = 'monthly' "
                + "AND period_start = '2034-05-01'", tutor)).isEqualTo(1);
        assertThat(list(tutor, "?period=weekly").at("/statements/0/version").asInt()).isEqualTo(2);

        // the open week on demand: not closed, and the same until it changes
        JsonNode open = json(call(HttpMethod.POST, "/api/teaching/statements", token, body("weekly", "2034-06-05"))
                .expectStatus().isCreated()).at("/data");
        assertThat(open.at("/closed").asBoolean()).isFalse();
        assertThat(open.at("/totals/0/gross").decimalValue()).isEqualByComparingTo("10");
        call(HttpMethod.POST, "/api/teaching/statements", token, body("weekly", "2034-06-05")).expectStatus().isOk();
        assertThat(count("SELECT count(*) FROM statement_due WHERE tutor_id = $1", tutor)).isEqualTo(2);
        // each new statement or version was announced once: 3 by the first run, version 2, the open week
        assertThat(outboxEvents(EventTypes.STATEMENT_CREATED, tutor)).isEqualTo(5);

        // others: admins read any tutor's; other tutors and students do not
        get("/api/teaching/statements/" + week, ADMIN).expectStatus().isOk();
        get("/api/teaching/statements?tutor_id=" + tutor, ADMIN).expectStatus().isOk()
                .expectBody().jsonPath("$.data.pagination.total").isEqualTo(4);
        get("/api/teaching/statements/" + week, TestJwt.tutor(newUser())).expectStatus().isForbidden();
        get("/api/teaching/statements/" + week + ".csv", TestJwt.tutor(newUser())).expectStatus().isForbidden();
        JsonNode june = json(call(HttpMethod.POST, "/api/teaching/statements", ADMIN,
                "{\"period\": \"monthly\", \"period_start\": \"2034-06-01\", \"tutor_id\": " + tutor + "}")
                .expectStatus().isCreated()).at("/data");
        assertThat(june.at("/tutor_id").asLong()).isEqualTo(tutor);
        assertThat(june.at("/totals/0/gross").decimalValue()).isEqualByComparingTo("75.5");
        call(HttpMethod.POST, "/api/teaching/statements", TestJwt.tutor(newUser()),
                "{\"period\": \"monthly\", \"period_start\": \"2034-06-01\", \"tutor_id\": " + tutor + "}")
                .expectStatus().isForbidden();
        get("/api/teaching/statements", TestJwt.student(nia)).expectStatus().isForbidden();
    }

    @Test
    void badRequestsAreClear4xx() {
        clock.set(Instant.parse("2034-06-07T10:00:00Z"));
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        String path = "/api/teaching/statements";
        refused(call(HttpMethod.POST, path, token, body("weekly", "2034-05-30")), "period_start",
                "A weekly statement starts on a Monday");
        refused(call(HttpMethod.POST, path, token, body("monthly", "2034-05-30")), "period_start",
                "A monthly statement starts on the first day of a month");
        refused(call(HttpMethod.POST, path, token, body("weekly", "2034-06-12")), "period_start",
                "period_start must not be in the future");
        refused(call(HttpMethod.POST, path, token, body("daily", "2034-06-05")), "period", "period must be weekly or monthly");
        refused(call(HttpMethod.POST, path, token, body("weekly", "300000-01-01")), "period_start",
                "period_start must be a date such as 2026-11-30");
        refused(call(HttpMethod.POST, path, token, "{\"period\": \"weekly\"}"), "period_start", "period_start is required");
        refused(call(HttpMethod.POST, path, token, null), "period", "period is required: weekly or monthly");
        refused(get(path + "?period=yearly", token), "period", "period must be weekly or monthly");
        refused(get(path + "?limit=1000", token), "limit", "limit must be between 1 and 100");
        refused(call(HttpMethod.POST, path, ADMIN, body("weekly", "2034-05-29")), "tutor_id", "tutor_id is required");
        for (String ref : List.of("999999999", "abc", "12.pdf", "99999999999999999999999.csv")) {
            get(path + "/" + ref, token).expectStatus().isNotFound().expectBody()
                    .jsonPath("$.message").isEqualTo("Statement not found");
        }
        get(CRON, null).expectStatus().isUnauthorized();
        call(HttpMethod.POST, "/api/admin/teaching/jobs/earnings-statements", token, null).expectStatus().isForbidden();
    }
}

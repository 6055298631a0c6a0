package io.coachwork.scheduling.statistics;

import static io.coachwork.scheduling.statistics.StatisticsEvents.booking;
import static io.coachwork.scheduling.statistics.StatisticsEvents.earning;
import static io.coachwork.scheduling.statistics.StatisticsEvents.review;
import static io.coachwork.scheduling.statistics.StatisticsEvents.scheduledAndThen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed 001's statistics kept from events: each event arrives twice and counts once; the numbers are
 * asserted exactly, for a tutor (days in their zone) and for the platform (UTC days).
 */
class StatisticsApiTest extends SchedulingIntegrationTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private long facts(long tutor) {
        return count("SELECT count(*) FROM stat_fact WHERE tutor_id = $1", tutor);
    }

    private void awaitFacts(long tutor, long n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> facts(tutor) == n);
    }

    @Test
    void aTutorsStatisticsOverARangeOfTheirDays() {
        clock.set(Instant.parse("2033-03-12T12:00:00Z"));
        long tutor = approvedTutor("Africa/Lagos");
        long a = newUser();
        long b = newUser();
        long c = newUser();
        long d = newUser();
        String s1 = scheduledAndThen(EventTypes.TEACHING_SESSION_COMPLETED, tutor, Instant.parse("2033-03-03T17:00:00Z"),
                HOUR, a, b, -c);
        String s2 = scheduledAndThen(EventTypes.TEACHING_SESSION_COMPLETED, tutor, Instant.parse("2033-03-04T09:00:00Z"),
                Duration.ofMinutes(45), a);
        scheduledAndThen(EventTypes.TEACHING_SESSION_CANCELLED, tutor, Instant.parse("2033-03-05T09:00:00Z"), HOUR);
        scheduledAndThen(EventTypes.TEACHING_SESSION_NO_SHOW, tutor, Instant.parse("2033-03-06T09:00:00Z"), HOUR);
        scheduledAndThen(EventTypes.TEACHING_SESSION_SCHEDULED, tutor, Instant.parse("2033-03-10T10:00:00Z"), HOUR);
        // 00:30 on 1 March in Lagos: inside the range; 23:30 on 28 February in Lagos: outside
        scheduledAndThen(EventTypes.TEACHING_SESSION_COMPLETED, tutor, Instant.parse("2033-02-28T23:30:00Z"),
                Duration.ofMinutes(30), d);
        scheduledAndThen(EventTypes.TEACHING_SESSION_COMPLETED, tutor, Instant.parse("2033-02-28T22:30:00Z"), HOUR,
                newUser());

        Instant s1Start = Instant.parse("2033-03-03T17:00:00Z");
        String b1 = UUID.randomUUID().toString();
        String b2 = UUID.randomUUID().toString();
        String b3 = UUID.randomUUID().toString();
        String b4 = UUID.randomUUID().toString();
        booking(EventTypes.BOOKING_CONFIRMED, b1, s1, tutor, a, s1Start, 6000, "USD");
        booking(EventTypes.BOOKING_CONFIRMED, b2, s1, tutor, b, s1Start, 6000, "USD");
        booking(EventTypes.BOOKING_CONFIRMED, b3, s1, tutor, c, s1Start, 6000, "USD");
        booking(EventTypes.BOOKING_CANCELLED, b3, s1, tutor, c, s1Start, 6000, "USD");
        booking(EventTypes.BOOKING_CONFIRMED, b4, s2, tutor, a, Instant.parse("2033-03-04T09:00:00Z"), 4500, "USD");
        // cancelled while still unpaid: never a confirmed booking, so no cancellation either
        booking(EventTypes.BOOKING_CANCELLED, UUID.randomUUID().toString(), s1, tutor, newUser(), s1Start, 6000, "USD");

        earning(b1, s1, tutor, a, 6000, 600, "USD", Instant.parse("2033-03-03T18:05:00Z"));
        earning(b2, s1, tutor, b, 6000, 600, "USD", Instant.parse("2033-03-03T18:05:00Z"));
        earning(b4, s2, tutor, a, 4500, 450, "USD", Instant.parse("2033-03-04T10:00:00Z"));
        earning(UUID.randomUUID().toString(), null, tutor, d, 1_500_000, 150_000, "NGN",
                Instant.parse("2033-03-01T08:00:00Z"));

        Instant reviewed = Instant.parse("2033-03-05T12:00:00Z");
        long r1 = newUser();
        review(EventTypes.REVIEW_PUBLISHED, r1, tutor, a, 5, false, reviewed);
        review(EventTypes.REVIEW_PUBLISHED, r1 + 1_000_000, tutor, b, 3, false, reviewed);
        review(EventTypes.REVIEW_PUBLISHED, r1 + 2_000_000, tutor, d, 4, false, reviewed);
        review(EventTypes.REVIEW_HIDDEN, r1 + 2_000_000, tutor, d, 4, true, reviewed.plus(HOUR));
        review(EventTypes.REVIEW_PUBLISHED, r1 + 3_000_000, tutor, c, 4, false, reviewed);
        review(EventTypes.REVIEW_HIDDEN, r1 + 3_000_000, tutor, c, 4, true, reviewed.plus(HOUR));
        review(EventTypes.REVIEW_UNHIDDEN, r1 + 3_000_000, tutor, c, 4, false, reviewed.plus(HOUR.multipliedBy(2)));

        // 7 sessions (13 session facts), 5 students taught, 6 booking facts, 4 earnings, 4 reviews
        awaitFacts(tutor, 32);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM stat_fact WHERE tutor_id = $1 "
                + "AND kind = 'review' AND hidden", tutor) == 1 && count("SELECT count(*) FROM stat_fact WHERE tutor_id = $1 "
                + "AND kind = 'review' AND state_at = $2", tutor, reviewed.plus(HOUR.multipliedBy(2))
                .atOffset(ZoneOffset.UTC)) == 1);
        // the same completion told again under another event id is the same fact
        String again = StatisticsEvents.session(EventTypes.TEACHING_SESSION_COMPLETED, s2, tutor,
                Instant.parse("2033-03-04T09:00:00Z"), Duration.ofMinutes(45), a);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM inbox_event WHERE consumer = "
                + "'scheduling-statistics' AND event_id = $1", again) == 1);
        assertThat(facts(tutor)).isEqualTo(32);

        JsonNode stats = json(get("/api/teaching/statistics?from=2033-03-01&to=2033-03-10", TestJwt.tutor(tutor))
                .expectStatus().isOk()).at("/data");
        assertThat(stats.at("/tutor_id").asLong()).isEqualTo(tutor);
        assertThat(stats.at("/from").asString()).isEqualTo("2033-03-01");
        assertThat(stats.at("/to").asString()).isEqualTo("2033-03-10");
        assertThat(stats.at("/time_zone").asString()).isEqualTo("Africa/Lagos");
        assertThat(stats.at("/total_sessions").asLong()).isEqualTo(6);
        assertThat(stats.at("/completed_sessions").asLong()).isEqualTo(3);
        assertThat(stats.at("/cancelled_sessions").asLong()).isEqualTo(1);
        assertThat(stats.at("/no_show_sessions").asLong()).isEqualTo(1);
        assertThat(stats.at("/completion_rate").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(stats.at("/average_duration_minutes").decimalValue()).isEqualByComparingTo("45.00");
        assertThat(stats.at("/unique_students").asLong()).isEqualTo(3);
        assertThat(stats.at("/bookings").asLong()).isEqualTo(4);
        assertThat(stats.at("/cancelled_bookings").asLong()).isEqualTo(1);
        assertThat(stats.at("/cancellation_rate").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(stats.at("/total_reviews").asLong()).isEqualTo(3);
        assertThat(stats.at("/average_rating").decimalValue()).isEqualByComparingTo("4.00");
        assertThat(stats.at("/positive_review_rate").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(stats.at("/total_earnings").size()).isEqualTo(2);
        JsonNode ngn = stats.at("/total_earnings/0");
        assertThat(ngn.at("/currency").asString()).isEqualTo("NGN");
        assertThat(ngn.at("/sessions").asLong()).isEqualTo(1);
        assertThat(ngn.at("/gross").decimalValue()).isEqualByComparingTo("15000");
        assertThat(ngn.at("/net").decimalValue()).isEqualByComparingTo("13500");
        JsonNode usd = stats.at("/total_earnings/1");
        assertThat(usd.at("/currency").asString()).isEqualTo("USD");
        assertThat(usd.at("/sessions").asLong()).isEqualTo(3);
        assertThat(usd.at("/gross").decimalValue()).isEqualByComparingTo("165");
        assertThat(usd.at("/commission").decimalValue()).isEqualByComparingTo("16.5");
        assertThat(usd.at("/net").decimalValue()).isEqualByComparingTo("148.5");

        // an admin reads the same numbers by tutor_id; the default range is the last 30 days to today (12 March)
        JsonNode asAdmin = json(get("/api/teaching/statistics?from=2033-03-01&to=2033-03-10&tutor_id=" + tutor, ADMIN)
                .expectStatus().isOk()).at("/data");
        assertThat(asAdmin).isEqualTo(stats);
        JsonNode defaults = json(get("/api/teaching/statistics", TestJwt.tutor(tutor)).expectStatus().isOk()).at("/data");
        assertThat(defaults.at("/from").asString()).isEqualTo("2033-02-11");
        assertThat(defaults.at("/to").asString()).isEqualTo("2033-03-12");
        assertThat(defaults.at("/total_sessions").asLong()).isEqualTo(7);

        // a range with nothing in it: counts 0, rates and averages null
        JsonNode empty = json(get("/api/teaching/statistics?from=2033-01-01&to=2033-01-31", TestJwt.tutor(tutor))
                .expectStatus().isOk()).at("/data");
        assertThat(empty.at("/total_sessions").asLong()).isZero();
        assertThat(empty.at("/completion_rate").isNull()).isTrue();
        assertThat(empty.at("/average_rating").isNull()).isTrue();
        assertThat(empty.at("/total_earnings").size()).isZero();
    }

    @Test
    void thePlatformsStatisticsOverUtcDays() {
        clock.set(Instant.parse("2037-05-12T12:00:00Z"));
        long t1 = newUser();
        long t2 = newUser();
        long t3 = newUser();
        // previous week (27 April - 3 May): t1 and t2 active; this week (4 - 10 May): t1 and t3
        scheduledAndThen(EventTypes.TEACHING_SESSION_COMPLETED, t1, Instant.parse("2037-04-28T10:00:00Z"), HOUR, newUser());
        scheduledAndThen(EventTypes.TEACHING_SESSION_COMPLETED, t2, Instant.parse("2037-05-03T23:00:00Z"), HOUR, newUser());
        String s1 = scheduledAndThen(EventTypes.TEACHING_SESSION_COMPLETED, t1, Instant.parse("2037-05-04T00:00:00Z"),
                HOUR, newUser());
        String s3 = scheduledAndThen(EventTypes.TEACHING_SESSION_COMPLETED, t3, Instant.parse("2037-05-10T23:00:00Z"),
                HOUR, newUser());
        scheduledAndThen(EventTypes.TEACHING_SESSION_CANCELLED, t3, Instant.parse("2037-05-06T10:00:00Z"), HOUR);
        Instant start = Instant.parse("2037-05-06T10:00:00Z");
        String b1 = UUID.randomUUID().toString();
        String b3 = UUID.randomUUID().toString();
        String cancelled = UUID.randomUUID().toString();
        booking(EventTypes.BOOKING_CONFIRMED, b1, s1, t1, 1, start, 5000, "USD");
        booking(EventTypes.BOOKING_CONFIRMED, b3, s3, t3, 2, start, 7001, "USD");
        booking(EventTypes.BOOKING_CONFIRMED, UUID.randomUUID().toString(), s3, t3, 3, start, 300_000, "NGN");
        booking(EventTypes.BOOKING_CONFIRMED, cancelled, s3, t3, 4, start, 9900, "USD");
        booking(EventTypes.BOOKING_CANCELLED, cancelled, s3, t3, 4, start, 9900, "USD");
        earning(b1, s1, t1, 1, 6000, 600, "USD", Instant.parse("2037-05-04T01:05:00Z"));
        earning(b3, s3, t3, 2, 7001, 700, "USD", Instant.parse("2037-05-10T23:59:59Z"));
        earning(UUID.randomUUID().toString(), s3, t3, 3, 5000, 500, "USD", Instant.parse("2037-05-11T00:00:00Z"));
        Instant reviewed = Instant.parse("2037-05-07T08:00:00Z");
        long r = newUser();
        review(EventTypes.REVIEW_PUBLISHED, r, t1, 1, 5, false, reviewed);
        review(EventTypes.REVIEW_PUBLISHED, r + 1_000_000, t3, 2, 4, false, reviewed);
        review(EventTypes.REVIEW_PUBLISHED, r + 2_000_000, t3, 3, 2, false, reviewed);
        awaitFacts(t1, 2 + 2 + 2 + 1 + 1 + 1);
        awaitFacts(t2, 3);
        awaitFacts(t3, 2 + 1 + 2 + 4 + 2 + 2);

        JsonNode stats = json(get("/api/admin/teaching/statistics?from=2037-05-04&to=2037-05-10", ADMIN)
                .expectStatus().isOk()).at("/data");
        assertThat(stats.at("/time_zone").asString()).isEqualTo("UTC");
        assertThat(stats.at("/active_coaches").asLong()).isEqualTo(2);
        assertThat(stats.at("/total_sessions").asLong()).isEqualTo(3);
        assertThat(stats.at("/sessions_conducted").asLong()).isEqualTo(2);
        assertThat(stats.at("/cancelled_sessions").asLong()).isEqualTo(1);
        assertThat(stats.at("/completion_rate").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(stats.at("/bookings").asLong()).isEqualTo(4);
        assertThat(stats.at("/cancelled_bookings").asLong()).isEqualTo(1);
        assertThat(stats.at("/cancellation_rate").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(stats.at("/average_session_price/0/currency").asString()).isEqualTo("NGN");
        assertThat(stats.at("/average_session_price/0/average_price").decimalValue()).isEqualByComparingTo("3000");
        assertThat(stats.at("/average_session_price/1/currency").asString()).isEqualTo("USD");
        assertThat(stats.at("/average_session_price/1/bookings").asLong()).isEqualTo(2);
        // (50.00 + 70.01) / 2 = 60.005, half-up to the cent
        assertThat(stats.at("/average_session_price/1/average_price").decimalValue()).isEqualByComparingTo("60.01");
        assertThat(stats.at("/revenue").size()).isEqualTo(1);
        assertThat(stats.at("/revenue/0/sessions").asLong()).isEqualTo(2);
        assertThat(stats.at("/revenue/0/revenue").decimalValue()).isEqualByComparingTo("130.01");
        assertThat(stats.at("/revenue/0/commission").decimalValue()).isEqualByComparingTo("13");
        assertThat(stats.at("/revenue/0/tutor_earnings").decimalValue()).isEqualByComparingTo("117.01");
        assertThat(stats.at("/coach_retention/previous_from").asString()).isEqualTo("2037-04-27");
        assertThat(stats.at("/coach_retention/previous_to").asString()).isEqualTo("2037-05-03");
        assertThat(stats.at("/coach_retention/active_coaches_before").asLong()).isEqualTo(2);
        assertThat(stats.at("/coach_retention/retained_coaches").asLong()).isEqualTo(1);
        assertThat(stats.at("/coach_retention/coach_retention_rate").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(stats.at("/student_satisfaction/reviews").asLong()).isEqualTo(3);
        assertThat(stats.at("/student_satisfaction/average_rating").decimalValue()).isEqualByComparingTo("3.67");
        assertThat(stats.at("/student_satisfaction/satisfied_rate").decimalValue()).isEqualByComparingTo("66.67");
    }

    @Test
    void badRangesAndCallersAreRefused() {
        clock.set(Instant.parse("2033-03-12T12:00:00Z"));
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        String path = "/api/teaching/statistics";
        refused(get(path + "?from=2033-13-01", token), "from", "from must be a date such as 2026-11-30");
        refused(get(path + "?from=2033-03-10&to=2033-03-01", token), "to", "to must not be before from");
        refused(get(path + "?to=300000-01-01", token), "to", "to must be a date such as 2026-11-30");
        refused(get(path + "?from=2999-12-31&to=3000-01-01", token), "to", "to must be a date between 2000 and 2999");
        refused(get(path + "?from=2030-01-01&to=2033-01-01", token), "to", "A range can span at most 366 days");
        refused(get(path + "?tutor_id=abc", token), "tutor_id", "tutor_id must be a whole number");
        refused(get(path + "?tutor_id=99999999999999999999", ADMIN), "tutor_id", "tutor_id must be a whole number");
        refused(get(path, ADMIN), "tutor_id", "tutor_id is required");
        refused(get("/api/admin/teaching/statistics?from=2033-02-30", ADMIN), "from", "from must be a date such as 2026-11-30");
        get(path + "?tutor_id=" + newUser(), token).expectStatus().isForbidden().expectBody()
                .jsonPath("$.message").isEqualTo("Only admins can read another tutor's statistics and statements");
        get(path + "?tutor_id=" + tutor, token).expectStatus().isOk();
        get(path, TestJwt.student(newUser())).expectStatus().isForbidden();
        get(path, null).expectStatus().isUnauthorized();
        get("/api/admin/teaching/statistics", token).expectStatus().isForbidden();
        get(path + "?from=2033-03-01%00", token).expectStatus().isBadRequest();
    }
}

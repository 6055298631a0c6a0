package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.TestJwt;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11's walk through the gateway against the real services: the marketplace around the sessions
 * (reviews and the directory's rating, a coach's statistics and statements, invoices of paid plans).
 */
class MarketplaceWalkThroughGatewayTest extends EndToEndTest {

    /** A paid ONE_TO_ONE session the tutor starts, the student joins and the tutor completes; returns its id. */
    private String completedSession(long tutor, String studentToken, String start, String end) {
        String session = paidBooking(tutor, studentToken, "ONE_TO_ONE", start, end).get("teaching_session_id").asString();
        String tutorToken = TestJwt.tutor(tutor);
        await().atMost(patience()).untilAsserted(() -> send("GET", "/api/teaching/sessions/" + session, tutorToken, null)
                .expectStatus().isOk());
        send("PATCH", "/api/teaching/sessions/" + session + "/start", tutorToken, null).expectStatus().isOk();
        send("POST", "/api/teaching/sessions/" + session + "/join", studentToken, null).expectStatus().isOk();
        send("PATCH", "/api/teaching/sessions/" + session + "/complete", tutorToken, null).expectStatus().isOk()
                .expectBody().jsonPath("$.data.status").isEqualTo("COMPLETED");
        return session;
    }

    private static String review(String session, int rating) {
        return """
                {"session_id": "%s", "rating": %d, "categories": {"knowledge": 5, "communication": 4, "punctuality": 5,
                 "value": 4}, "comment": "Clear and patient"}""".formatted(session, rating);
    }

    @Test
    void aStudentReviewsACompletedSessionTheCoachAnswersAndTheDirectoryRatingChanges() {
        long tutor = approvedTutor();
        String tutorToken = TestJwt.tutor(tutor);
        long student = newUser();
        String studentToken = TestJwt.student(student);
        String completed = completedSession(tutor, studentToken, "10:00", "11:00");
        String upcoming = paidBooking(tutor, studentToken, "ONE_TO_ONE", "12:00", "13:00").get("teaching_session_id").asString();
        send("GET", "/api/teaching/tutors/" + tutor, null, null).expectStatus().isOk()
                .expectBody().jsonPath("$.data.review_count").isEqualTo(0);

        // Not completed, not a participant: refused with a message saying why.
        send("POST", "/api/teaching/reviews", studentToken, review(upcoming, 5)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").isEqualTo("Only a completed session can be reviewed");
        // The completion reaches scheduling-service as an event: until then the session is not reviewable.
        await().atMost(patience()).untilAsserted(() -> send("POST", "/api/teaching/reviews", TestJwt.student(newUser()),
                review(completed, 1)).expectStatus().isForbidden().expectBody().jsonPath("$.message")
                .isEqualTo("Only a participant of this session can review it"));

        JsonNode own = data(send("POST", "/api/teaching/reviews", studentToken, review(completed, 5))
                .expectStatus().isCreated());
        assertThat(own.get("rating").asInt()).isEqualTo(5);
        send("POST", "/api/teaching/reviews", studentToken, review(completed, 4)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").isEqualTo("You have already reviewed this session");

        long reviewId = own.get("id").asLong();
        send("POST", "/api/teaching/reviews/" + reviewId + "/response", tutorToken, "{\"response\": \"Thank you!\"}")
                .expectStatus().isOk();
        send("POST", "/api/teaching/reviews/" + reviewId + "/response", tutorToken, "{\"response\": \"Again\"}")
                .expectStatus().is4xxClientError();

        JsonNode profile = data(send("GET", "/api/teaching/tutors/" + tutor, null, null).expectStatus().isOk());
        assertThat(profile.get("rating").decimalValue()).isEqualByComparingTo("5");
        assertThat(profile.get("review_count").asInt()).isEqualTo(1);
        JsonNode reviews = data(send("GET", "/api/teaching/tutors/" + tutor + "/reviews", null, null).expectStatus().isOk());
        assertThat(reviews.toString()).contains("Clear and patient").contains("Thank you!");
        JsonNode rated = data(send("GET", "/api/teaching/tutors?min_rating=4.5&limit=100&sort=rating", null, null)
                .expectStatus().isOk());
        assertThat(rated.toString()).contains("\"id\":" + tutor + ",");
    }

    @Test
    void theCoachsStatisticsAndWeeklyStatementShowTheRightNumbers() {
        long tutor = approvedTutor();
        String tutorToken = TestJwt.tutor(tutor);
        String studentToken = TestJwt.student(newUser());
        completedSession(tutor, studentToken, "10:00", "11:00");
        JsonNode cancelled = paidBooking(tutor, TestJwt.student(newUser()), "ONE_TO_ONE", "14:00", "15:00");
        send("PATCH", "/api/teaching/sessions/" + cancelled.get("id").asString() + "/cancel", tutorToken,
                "{\"reason\": \"Ill\"}").expectStatus().isOk();

        LocalDate today = LocalDate.now(LAGOS);
        String range = "from=" + today.minusDays(6) + "&to=" + today.plusDays(14);
        // Kept from the session, booking and earning events: wait until the last of them has arrived.
        JsonNode stats = await().atMost(patience()).until(
                () -> data(send("GET", "/api/teaching/statistics?" + range, tutorToken, null).expectStatus().isOk()),
                s -> s.get("completed_sessions").asInt() == 1 && s.get("cancelled_bookings").asInt() == 1
                        && s.get("total_earnings").size() == 1);
        assertThat(stats.get("bookings").asInt()).isEqualTo(2);
        assertThat(stats.get("cancellation_rate").decimalValue()).isEqualByComparingTo("50");
        assertThat(stats.get("unique_students").asInt()).isEqualTo(1);
        JsonNode earnings = stats.get("total_earnings").get(0);
        assertThat(earnings.get("currency").asString()).isEqualTo("USD");
        assertThat(earnings.get("gross").decimalValue()).isEqualByComparingTo("60");
        assertThat(earnings.get("commission").decimalValue()).isEqualByComparingTo("6");
        assertThat(earnings.get("net").decimalValue()).isEqualByComparingTo("54");
        send("GET", "/api/teaching/statistics?to=300000-01-01", tutorToken, null).expectStatus().isBadRequest();
        send("GET", "/api/admin/teaching/statistics?" + range, tutorToken, null).expectStatus().isForbidden();
        JsonNode platform = data(send("GET", "/api/admin/teaching/statistics?" + range, ADMIN, null).expectStatus().isOk());
        assertThat(platform.get("active_coaches").asInt()).isPositive();

        // This week's statement (weeks start on Monday in the tutor's zone), as JSON and as CSV.
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        JsonNode statement = data(send("POST", "/api/teaching/statements", tutorToken,
                "{\"period\": \"weekly\", \"period_start\": \"" + monday + "\"}").expectStatus().isCreated());
        JsonNode totals = statement.get("totals").get(0);
        assertThat(totals.get("sessions").asInt()).isEqualTo(1);
        assertThat(totals.get("gross").decimalValue()).isEqualByComparingTo("60");
        assertThat(totals.get("net").decimalValue()).isEqualByComparingTo("54");
        String csv = gateway.get().uri("/api/teaching/statements/" + statement.get("id").asLong() + ".csv")
                .headers(h -> h.setBearerAuth(tutorToken)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv.lines().findFirst().orElseThrow()).containsIgnoringCase("gross");
        assertThat(csv).contains("TOTAL").contains("54");
        send("GET", "/api/teaching/statements/" + statement.get("id").asLong(), TestJwt.tutor(newUser()), null)
                .expectStatus().is4xxClientError();
    }

    @Test
    void aPaidPlanIsInvoicedForItsPeriodAndTheTutorDownloadsThePdf() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        adjustWallet(tutor, "150000");
        JsonNode subscription = data(send("POST", "/api/marketplace/tutor/subscription", token,
                "{\"subscription_tier\": \"basic\"}").expectStatus().isOk());

        JsonNode invoice = await().atMost(patience()).until(
                () -> data(send("GET", "/api/marketplace/tutor/wallet/invoices", token, null).expectStatus().isOk())
                        .get("invoices"), list -> list.size() == 1).get(0);
        assertThat(invoice.get("number").asString()).matches("CW-\\d{4}-\\d{6}");
        assertThat(invoice.get("tier").asString()).isEqualTo("basic");
        assertThat(invoice.get("total").decimalValue()).isEqualByComparingTo("58500");
        assertThat(invoice.get("currency").asString()).isEqualTo("NGN");
        // The invoice names the period the charge paid for: the plan's 30 days (started when the charge was asked).
        Instant periodStart = Instant.parse(invoice.get("period_start").asString());
        Instant periodEnd = Instant.parse(invoice.get("period_end").asString());
        assertThat(Duration.between(periodStart, periodEnd)).isEqualTo(Duration.ofDays(30));
        assertThat(Duration.between(periodStart, Instant.parse(subscription.get("start_date").asString())).abs())
                .isLessThan(Duration.ofMinutes(1));

        byte[] pdf = gateway.get().uri("/api/marketplace/tutor/wallet/invoices/" + invoice.get("id").asLong() + "/pdf")
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                // Once, though both the gateway and wallet-service set it.
                .expectHeader().values("X-Correlation-Id", ids -> assertThat(ids).hasSize(1))
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        send("GET", "/api/marketplace/tutor/wallet/invoices/" + invoice.get("id").asLong() + "/pdf",
                TestJwt.tutor(newUser()), null).expectStatus().isNotFound();
    }
}

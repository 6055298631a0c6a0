package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11's walk through the gateway against the real services: the marketplace around the sessions
 * (reviews and the directory's rating, session packages paid by card and spent on bookings, a coach's statistics and statements, Calendly busy time, invoices of
 * paid plans).
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

    /** A package purchase paid by card: the stand-in's PaymentIntent and Stripe's signed webhook. */
    private JsonNode paidPurchase(long packageId, String studentToken) {
        JsonNode purchase = data(send("POST", "/api/teaching/packages/" + packageId + "/purchase", studentToken, null)
                .expectStatus().isCreated());
        deliver(RunningPlatform.get().stripe.succeededWebhook(purchase.get("payment_intent_id").asString(),
                RunningPlatform.STRIPE_WEBHOOK_SECRET, Instant.now()));
        return await().atMost(patience()).until(() -> data(send("GET", "/api/teaching/package-purchases/"
                        + purchase.get("id").asString(), studentToken, null).expectStatus().isOk()),
                p -> "ACTIVE".equals(p.get("status").asString()));
    }

    private JsonNode bookWithCredit(String studentToken, long slotId, String purchaseId) {
        byte[] answer = send("POST", "/api/teaching/sessions/book", studentToken,
                "{\"slot_id\": " + slotId + ", \"package_purchase_id\": \"" + purchaseId + "\"}").expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        JsonNode booked = TestEvents.json().readTree(answer);
        assertThat(booked.get("message").asString())
                .isIn("Booked with a package credit", "Seat held: your package credit is being applied");
        JsonNode booking = booked.get("data");
        return await().atMost(patience()).until(
                () -> data(send("GET", "/api/teaching/bookings/" + booking.get("id").asString(), studentToken, null)
                        .expectStatus().isOk()),
                b -> "CONFIRMED".equals(b.get("status").asString()));
    }

    @Test
    void aStudentBuysAFiveSessionPackageAndBooksWithItUntilNoCreditIsLeft() {
        long tutor = approvedTutor();
        String tutorToken = TestJwt.tutor(tutor);
        long student = newUser();
        String studentToken = TestJwt.student(student);
        // 10% off the 60 USD/h the tutor's approved profile announced (wallet-service learns it from that event).
        // Until that event has arrived the package is refused (400, nothing created), so the first 201 is the one.
        JsonNode offer = await().atMost(patience()).ignoreExceptions().until(() -> data(send("POST",
                "/api/marketplace/tutor/packages", tutorToken, """
                        {"name": "Five hours of maths", "session_count": 5, "duration_minutes": 60, "discount_percent": 10,
                         "validity_days": 60}""").expectStatus().isCreated()), o -> o.has("id"));
        assertThat(offer.get("price").decimalValue()).isEqualByComparingTo("270");
        assertThat(offer.get("price_per_session").decimalValue()).isEqualByComparingTo("54");
        JsonNode listed = data(send("GET", "/api/teaching/packages?tutor_id=" + tutor, studentToken, null).expectStatus().isOk());
        assertThat(listed.toString()).contains("Five hours of maths");

        JsonNode purchase = paidPurchase(offer.get("id").asLong(), studentToken);
        String purchaseId = purchase.get("id").asString();
        assertThat(purchase.get("credits_left").asInt()).isEqualTo(5);
        LocalDate day = LocalDate.now(LAGOS).plusDays(3);
        JsonNode booking = bookWithCredit(studentToken, slot(tutor, day, "09:00", "10:00", "ONE_TO_ONE", 1), purchaseId);
        assertThat(booking.get("payment_status").asString()).isEqualTo("PACKAGE_CREDIT");
        JsonNode used = await().atMost(patience()).until(() -> data(send("GET", "/api/teaching/package-purchases/"
                + purchaseId, studentToken, null).expectStatus().isOk()), p -> p.get("credits_left").asInt() == 4);
        assertThat(used.get("credits_used").asInt()).isEqualTo(1);
        assertThat(used.get("usage").toString()).contains(booking.get("id").asString());
        JsonNode tutorsView = data(send("GET", "/api/marketplace/tutor/packages/purchases", tutorToken, null)
                .expectStatus().isOk());
        assertThat(tutorsView.toString()).contains(purchaseId).contains("\"credits_left\":4");

        // A one-session trial: its single credit books once, the second booking is refused with the reason.
        JsonNode trial = data(send("POST", "/api/marketplace/tutor/packages", tutorToken, """
                {"name": "Trial", "session_count": 1, "duration_minutes": 60, "price": 40, "currency": "USD"}""")
                .expectStatus().isCreated());
        String trialPurchase = paidPurchase(trial.get("id").asLong(), studentToken).get("id").asString();
        bookWithCredit(studentToken, slot(tutor, day, "11:00", "12:00", "ONE_TO_ONE", 1), trialPurchase);
        long another = slot(tutor, day, "13:00", "14:00", "ONE_TO_ONE", 1);
        await().atMost(patience()).untilAsserted(() -> send("POST", "/api/teaching/sessions/book", studentToken,
                "{\"slot_id\": " + another + ", \"package_purchase_id\": \"" + trialPurchase + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("No credits left in this package"));
        assertThat(bookableSlots(tutor, day, studentToken)).contains(another);
        assertBooksReconcile();
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

    /** Calendly's webhook as Calendly posts it: v2 payload, {@code t=<unix>,v1=<HMAC-SHA256("<t>.<body>")>}. */
    private WebTestClient.ResponseSpec calendly(String event, long tutor, String invitee, Instant start, Instant end) {
        String body = """
                {"created_at": "%s", "event": "%s", "payload": {"uri": "https://api.calendly.com/scheduled_events/E%s/invitees/I%s",
                  "email": "guest@example.com", "name": "Guest", "status": "%s",
                  "scheduled_event": {"uri": "https://api.calendly.com/scheduled_events/E%s", "name": "Lesson", "status": "%s",
                    "start_time": "%s", "end_time": "%s",
                    "event_memberships": [{"user": "https://api.calendly.com/users/U%d"}]}}}"""
                .formatted(Instant.now(), event, invitee, invitee, event.endsWith("canceled") ? "canceled" : "active",
                        invitee, event.endsWith("canceled") ? "canceled" : "active", start, end, tutor);
        long t = Instant.now().getEpochSecond();
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(RunningPlatform.CALENDLY_SIGNING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            signature = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return gateway.post().uri("/api/webhooks/calendly").header("Calendly-Webhook-Signature", "t=" + t + ",v1=" + signature)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private List<Long> bookableSlots(long tutor, LocalDate day, String token) {
        JsonNode search = data(send("GET", "/api/teaching/slots/provider/" + tutor + "?from=" + day + "&to=" + day
                + "&tz=Africa/Lagos", token, null).expectStatus().isOk());
        return search.get("slots").valueStream().map(s -> s.get("id").asLong()).toList();
    }

    @Test
    void aCalendlyBookingTakesTheTimeOutOfTheTutorsSlotsAndItsCancellationGivesItBack() {
        long tutor = approvedTutor();
        String tutorToken = TestJwt.tutor(tutor);
        String studentToken = TestJwt.student(newUser());
        send("PUT", "/api/teaching/integrations/calendly", tutorToken, """
                {"calendly_user_uri": "https://api.calendly.com/users/U%d", "default_mode": "busy"}""".formatted(tutor))
                .expectStatus().isOk();
        LocalDate day = LocalDate.now(LAGOS).plusDays(5);
        long slot = slot(tutor, day, "18:00", "19:00", "ONE_TO_ONE", 1);
        assertThat(bookableSlots(tutor, day, studentToken)).containsExactly(slot);

        Instant start = day.atTime(18, 0).atZone(LAGOS).toInstant();
        String invitee = Long.toString(newUser());
        calendly("invitee.created", tutor, invitee, start, start.plus(Duration.ofMinutes(30))).expectStatus().isOk()
                .expectBody().jsonPath("$.data.handled").isEqualTo(true);
        assertThat(bookableSlots(tutor, day, studentToken)).isEmpty();
        send("POST", "/api/teaching/sessions/book", studentToken, "{\"slot_id\": " + slot + "}")
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message")
                .isEqualTo("The tutor is busy at this time (booked on Calendly); pick another time");

        calendly("invitee.canceled", tutor, invitee, start, start.plus(Duration.ofMinutes(30))).expectStatus().isOk();
        assertThat(bookableSlots(tutor, day, studentToken)).containsExactly(slot);
        // A delivery with a bad signature changes nothing.
        gateway.post().uri("/api/webhooks/calendly").header("Calendly-Webhook-Signature",
                        "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isUnauthorized();
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

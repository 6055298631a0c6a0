package io.coachwork.gateway.e2e;

import com.nimbusds.jwt.JWTClaimsSet;
import io.coachwork.platform.test.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9's walk through the real gateway and all five services, paid through the local Stripe
 * stand-in with signed webhooks: a New York student books a Lagos tutor's ONE_TO_ONE slot and pays;
 * another books, cancels and is refunded; a three-seat GROUP slot fills, the fourth student is told
 * "Session full", waits, and is offered the seat a cancellation frees; the tutor cancels and everyone
 * paid is refunded. Then contention: 200 students on one seat, 50 on twenty. The books reconcile.
 */
class BookingWalkThroughGatewayTest extends EndToEndTest {


    /** A student whose token carries their time zone (the OIDC {@code zoneinfo} claim). */
    private static String studentIn(long id, String zone) {
        Instant now = Instant.now();
        return TestJwt.sign(TestJwt.SECRET, new JWTClaimsSet.Builder().subject(Long.toString(id))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("roles", List.of("student")).claim("name", "Student " + id)
                .claim("email", "student" + id + "@example.com").claim("zoneinfo", zone).build());
    }

    /** Stripe's signed charge.refunded for what the stand-in has refunded so far. */
    private void refundWebhook(JsonNode booking) {
        String paymentIntent = booking.get("payment_intent_id").asString();
        await().atMost(patience()).until(() -> !RunningPlatform.get().stripe.refundsOf(paymentIntent).isEmpty());
        deliver(RunningPlatform.get().stripe.refundedWebhook(paymentIntent, RunningPlatform.STRIPE_WEBHOOK_SECRET,
                Instant.now()));
    }

    private JsonNode booking(String token, String id) {
        return data(send("GET", "/api/teaching/bookings/" + id, token, null).expectStatus().isOk());
    }

    private JsonNode awaitBooking(String token, String id, String status, String paymentStatus) {
        return await().atMost(patience()).until(() -> booking(token, id),
                b -> b.get("status").asString().equals(status) && b.get("payment_status").asString().equals(paymentStatus));
    }

    @Test
    void studentsBookPayCancelWaitAndAreRefunded() {
        long tutor = approvedTutor();
        String tutorToken = TestJwt.tutor(tutor);
        LocalDate day = LocalDate.now(LAGOS).plusDays(3);
        long oneToOne = slot(tutor, day, "09:00", "10:00", "ONE_TO_ONE", 1);
        long another = slot(tutor, day, "11:00", "12:00", "ONE_TO_ONE", 1);
        long group = slot(tutor, day, "15:00", "16:00", "GROUP", 3);

        // A New York student books the 09:00 Lagos slot, pays, and both sides see the booking in their zones.
        long ann = newUser();
        String annToken = studentIn(ann, "America/New_York");
        JsonNode held = book(annToken, oneToOne);
        assertThat(held.get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(held.get("price").asDouble()).isEqualTo(60.0);
        assertThat(held.get("currency").asString()).isEqualTo("USD");
        assertThat(held.get("client_secret").asString()).startsWith(held.get("payment_intent_id").asString());
        assertThat(held.get("student_timezone").asString()).isEqualTo("America/New_York");
        send("POST", "/api/teaching/sessions/book", studentIn(newUser(), "Europe/Paris"), "{\"slot_id\": " + oneToOne + "}")
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message").isEqualTo("Session full");
        pay(held);
        String annBooking = held.get("id").asString();
        JsonNode confirmed = awaitBooking(annToken, annBooking, "CONFIRMED", "SUCCEEDED");
        String sessionId = confirmed.get("teaching_session_id").asString();
        assertThat(data(send("GET", "/api/teaching/sessions/instructor", tutorToken, null).expectStatus().isOk())
                .get("bookings").valueStream().map(b -> b.get("id").asString())).contains(annBooking);
        assertThat(data(send("GET", "/api/teaching/sessions/my", annToken, null).expectStatus().isOk())
                .get("bookings").get(0).at("/receipt/amount").asDouble()).isEqualTo(60.0);
        // session-service holds the teaching session with Ann in it; the tutor and Ann may read it.
        await().atMost(patience()).untilAsserted(() -> send("GET", "/api/teaching/sessions/" + sessionId, annToken, null)
                .expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("SCHEDULED"));
        send("GET", "/api/teaching/sessions/" + sessionId, TestJwt.student(newUser()), null).expectStatus().isNotFound();

        // Ben books the 11:00 slot, pays, cancels, and is refunded in full once Stripe's refund webhook arrives.
        long ben = newUser();
        String benToken = TestJwt.student(ben);
        JsonNode benHeld = book(benToken, another);
        pay(benHeld);
        String benBooking = benHeld.get("id").asString();
        awaitBooking(benToken, benBooking, "CONFIRMED", "SUCCEEDED");
        send("PATCH", "/api/teaching/sessions/" + benBooking + "/cancel", benToken, "{\"reason\": \"Exam moved\"}")
                .expectStatus().is2xxSuccessful();
        awaitBooking(benToken, benBooking, "CANCELLED", "REFUND_PENDING");
        refundWebhook(benHeld);
        JsonNode refunded = awaitBooking(benToken, benBooking, "CANCELLED", "REFUNDED");
        assertThat(refunded.at("/receipt/refunded_amount").asDouble()).isEqualTo(60.0);
        // The seat is free again: someone else can book it.
        book(TestJwt.student(newUser()), another);

        // Three students fill the GROUP slot; the fourth is told "Session full" and joins the waitlist.
        Map<Long, String> tokens = new ConcurrentHashMap<>();
        Map<Long, JsonNode> groupBookings = new ConcurrentHashMap<>();
        for (int i = 0; i < 3; i++) {
            long student = newUser();
            tokens.put(student, TestJwt.student(student));
            JsonNode b = book(tokens.get(student), group);
            pay(b);
            groupBookings.put(student, b);
        }
        groupBookings.forEach((student, b) -> awaitBooking(tokens.get(student), b.get("id").asString(), "CONFIRMED", "SUCCEEDED"));
        long dora = newUser();
        String doraToken = TestJwt.student(dora);
        send("POST", "/api/teaching/sessions/book", doraToken, "{\"slot_id\": " + group + "}")
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message").isEqualTo("Session full");
        send("POST", "/api/teaching/waitlist", doraToken, "{\"slot_id\": " + group + "}").expectStatus().isCreated();

        // One of the three cancels: Dora is offered the seat (a hold with its own PaymentIntent).
        long leaving = groupBookings.keySet().iterator().next();
        JsonNode leavingBooking = groupBookings.remove(leaving);
        send("PATCH", "/api/teaching/sessions/" + leavingBooking.get("id").asString() + "/cancel", tokens.get(leaving), null)
                .expectStatus().is2xxSuccessful();
        refundWebhook(leavingBooking);
        JsonNode offer = await().atMost(patience()).until(
                () -> data(send("GET", "/api/teaching/sessions/my", doraToken, null).expectStatus().isOk()).get("bookings"),
                list -> list.size() == 1 && List.of("HELD", "PENDING_PAYMENT").contains(list.get(0).get("status").asString()))
                .get(0);
        assertThat(offer.get("slot_id").asLong()).isEqualTo(group);

        // The tutor cancels the group session: every paid student is refunded, Dora's unpaid offer is withdrawn.
        String groupSession = offer.get("teaching_session_id").asString();
        send("PATCH", "/api/teaching/sessions/" + groupSession + "/cancel", tutorToken, "{\"reason\": \"Ill\"}")
                .expectStatus().is2xxSuccessful();
        groupBookings.values().forEach(this::refundWebhook);
        groupBookings.forEach((student, b) -> awaitBooking(tokens.get(student), b.get("id").asString(), "CANCELLED", "REFUNDED"));
        await().atMost(patience()).until(() -> booking(doraToken, offer.get("id").asString()).get("status").asString(),
                status -> !List.of("HELD", "PENDING_PAYMENT").contains(status));

        assertBooksReconcile();
    }

    @Test
    void twoHundredStudentsRaceForOneSeatAndFiftyForTwenty() {
        long tutor = approvedTutor();
        LocalDate day = LocalDate.now(LAGOS).plusDays(4);
        long single = slot(tutor, day, "09:00", "10:00", "ONE_TO_ONE", 1);
        long twenty = slot(tutor, day, "12:00", "13:00", "GROUP", 20);

        assertThat(race(single, 200)).containsEntry(201, 1L).containsEntry(409, 199L);
        assertThat(race(twenty, 50)).containsEntry(201, 20L).containsEntry(409, 30L);

        // Only the winners were asked to pay; the slots show no seat left.
        JsonNode slots = data(send("GET", "/api/teaching/slots/provider/" + tutor, TestJwt.student(newUser()), null)
                .expectStatus().isOk()).get("slots");
        slots.valueStream().filter(s -> s.get("id").asLong() == single || s.get("id").asLong() == twenty)
                .forEach(s -> assertThat(s.get("seats_left").asInt()).as(s.toString()).isZero());
        assertBooksReconcile();
    }

    /** {@code students} distinct students book {@code slotId} at once; answers counted by HTTP status. */
    private Map<Integer, Long> race(long slotId, int students) {
        WebClient client = WebClient.create("http://localhost:" + gatewayPort);
        return Flux.range(0, students)
                .flatMap(i -> client.post().uri("/api/teaching/sessions/book")
                        .headers(h -> h.setBearerAuth(TestJwt.student(newUser())))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"slot_id\": " + slotId + "}")
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
                        .onErrorResume(e -> Mono.just(-1)), students)
                .collectList()
                .map(codes -> codes.stream().collect(java.util.stream.Collectors.groupingBy(c -> c,
                        java.util.stream.Collectors.counting())))
                .block(Duration.ofMinutes(3));
    }
}

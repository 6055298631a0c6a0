package io.coachwork.scheduling.booking;

import com.nimbusds.jwt.JWTClaimsSet;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PaymentCommands.CreateBookingPayment;
import io.coachwork.contracts.payment.PaymentReplies;
import io.coachwork.contracts.teaching.DiscordLinkChanged;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.test.saga.SagaScript;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Booking tests' helpers: a tutor in Lagos with slots, students booking them over HTTP while the test
 * plays wallet-service and session-service over the real broker ({@link SagaScript}).
 */
abstract class BookingIntegrationTest extends SchedulingIntegrationTest {

    /** Monday 3 March 2031, 09:00 in Lagos (UTC+1). */
    protected static final Instant NOW = Instant.parse("2031-03-03T08:00:00Z");
    protected static final String BOOK = "/api/teaching/sessions/book";

    /** A tutor approved at 60 USD an hour (6000 minor), no notice needed. */
    protected long tutor() {
        long tutor = approvedTutor("Africa/Lagos");
        call(HttpMethod.PUT, "/api/teaching/profile", TestJwt.tutor(tutor), "{\"minimum_notice_minutes\": 0}")
                .expectStatus().isOk();
        return tutor;
    }

    protected long slot(long tutor, String date, String start, String end, int minutes, String type, int seats) {
        return json(call(HttpMethod.POST, "/api/teaching/slots", TestJwt.tutor(tutor), """
                {"slot_date": "%s", "start_time": "%s", "end_time": "%s", "duration_minutes": %d, "session_type": "%s",
                 "max_participants": %d, "timezone": "Africa/Lagos"}""".formatted(date, start, end, minutes, type, seats))
                .expectStatus().isCreated()).at("/data/slots/0/id").asLong();
    }

    /** Wednesday 5 March 2031, 10:00-11:00 in Lagos. */
    protected long oneToOne(long tutor) {
        return slot(tutor, "2031-03-05", "10:00", "11:00", 60, "ONE_TO_ONE", 1);
    }

    /** A client that waits for the booking's bounded answer. */
    protected WebTestClient patient() {
        return web.mutate().responseTimeout(Duration.ofSeconds(90)).build();
    }

    protected WebTestClient.ResponseSpec send(HttpMethod method, String path, String token, String json) {
        WebTestClient.RequestBodySpec request = patient().method(method).uri(path).headers(h -> h.setBearerAuth(token));
        return json == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    /** Books in the background: the answer waits for the wallet's reply the test gives. */
    protected CompletableFuture<Answer> bookInBackground(long student, String json) {
        return bookInBackground(TestJwt.student(student), json);
    }

    protected CompletableFuture<Answer> bookInBackground(String token, String json) {
        return CompletableFuture.supplyAsync(() -> answer(send(HttpMethod.POST, BOOK, token, json)));
    }

    /** A student's token naming their time zone (the OpenID {@code zoneinfo} claim). */
    protected static String studentIn(long student, String zone) {
        Instant now = Instant.now();
        return TestJwt.sign(TestJwt.SECRET, new JWTClaimsSet.Builder().subject(Long.toString(student))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("roles", List.of("student")).claim("zoneinfo", zone).build());
    }

    protected record Answer(int status, JsonNode body) {
    }

    protected static Answer answer(WebTestClient.ResponseSpec response) {
        var result = response.expectBody().returnResult();
        byte[] body = result.getResponseBody();
        return new Answer(result.getStatus().value(), body == null ? null : TestEvents.json().readTree(body));
    }

    protected static Answer answered(CompletableFuture<Answer> answer) {
        try {
            return answer.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected SagaScript wallet() {
        return SagaScript.of(db, Topics.WALLET_COMMANDS, Topics.SCHEDULING_SAGA_REPLIES);
    }

    protected SagaScript session() {
        return SagaScript.of(db, Topics.SESSION_COMMANDS, Topics.SCHEDULING_SAGA_REPLIES);
    }

    /** A student's booking of {@code slot} in PENDING_PAYMENT: the wallet made intent {@code pi_<booking>}. */
    protected Pending pending(long student, long slot, SagaScript wallet) {
        return pending(student, "{\"slot_id\": " + slot + "}", wallet);
    }

    /** The same for any booking request. */
    protected Pending pending(long student, String request, SagaScript wallet) {
        return pending(student, TestJwt.student(student), request, wallet);
    }

    protected Pending pending(long student, String token, String request, SagaScript wallet) {
        CompletableFuture<Answer> answer = bookInBackground(token, request);
        SagaScript.Expected<CreateBookingPayment> create = wallet.expectCommand(EventTypes.CREATE_BOOKING_PAYMENT,
                CreateBookingPayment.class, c -> c.studentId() == student);
        create.andGivenReply(EventTypes.BOOKING_PAYMENT_CREATED, c -> new PaymentReplies.BookingPaymentCreated(c.sagaId(),
                c.bookingId(), "pi_" + c.bookingId(), "secret_" + c.bookingId(), c.amountMinor(), c.currency()));
        Answer done = answered(answer);
        assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(201);
        return new Pending(UUID.fromString(create.command().bookingId()), create.command(), done.body().get("data"));
    }

    protected record Pending(UUID bookingId, CreateBookingPayment command, JsonNode view) {

        String id() {
            return bookingId.toString();
        }
    }

    protected void paid(SagaScript wallet, Pending p) {
        wallet.reply(EventTypes.BOOKING_PAYMENT_SUCCEEDED, new PaymentReplies.BookingPaymentSucceeded(wallet.sagaId(),
                p.id(), "pi_" + p.id(), p.command().amountMinor(), p.command().currency()));
    }

    protected String status(UUID booking) {
        return text("SELECT status FROM booking WHERE id = $1", booking);
    }

    protected String paymentStatus(UUID booking) {
        return text("SELECT payment_status FROM booking WHERE id = $1", booking);
    }

    protected String text(String sql, Object bind) {
        return db.sql(sql).bind(0, bind).map((row, meta) -> row.get(0, String.class)).one().block(Duration.ofSeconds(10));
    }

    protected long bookedCount(long slot) {
        return count("SELECT booked_count FROM teaching_slot WHERE id = $1", slot);
    }

    /**
     * Session-service announces a Discord link change of {@code user}, stamped {@code at}, under event id
     * {@code eventId}; returns once scheduling-service's consumer has handled that event.
     */
    protected void announceDiscordLink(String eventId, long user, boolean linked, Instant at) {
        TopicProbe.send(Topics.SESSION_ACCOUNTS, Long.toString(user), TestEvents.cloudEvent(eventId,
                linked ? EventTypes.DISCORD_LINKED : EventTypes.DISCORD_UNLINKED, Long.toString(user),
                new DiscordLinkChanged(user, linked, at)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inbox_event WHERE consumer = 'scheduling-discord-links' AND event_id = $1", eventId) == 1);
    }

    protected void announceDiscordLink(long user, boolean linked, Instant at) {
        announceDiscordLink(UUID.randomUUID().toString(), user, linked, at);
    }

    protected void cron(String job) {
        call(HttpMethod.GET, "/api/cron/scheduling/" + job, CRON_SECRET, null).expectStatus().isOk();
    }
}

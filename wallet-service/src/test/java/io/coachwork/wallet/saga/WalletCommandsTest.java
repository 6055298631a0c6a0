package io.coachwork.wallet.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.wallet.support.Records;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each saga command: this command goes out on coachwork.wallet.commands, this reply comes back. */
class WalletCommandsTest extends WalletIntegrationTest {

    private static final String REPLIES = Topics.SESSION_SAGA_REPLIES;

    @Test
    void reserveHoldsTheMinutes() {
        long tutor = tutorWithHours("3");
        long session = newId();

        JsonNode reply = command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, session,
                60, REPLIES));

        assertThat(reply.path("type").asString()).isEqualTo(EventTypes.HOURS_RESERVED);
        assertThat(reply.path("data")).isEqualTo(json("""
                {"saga_id": "%s", "tutor_id": %d, "session_id": %d, "minutes": 60, "unlimited": false,
                 "available_minutes": 120}""".formatted(reply.path("subject").asString(), tutor, session)));
        get("/api/marketplace/tutor/coaching/hours-balance", TestJwt.tutor(tutor)).expectBody()
                .jsonPath("$.data.hours_balance").isEqualTo(2.0);
    }

    @Test
    void reserveIsRefusedWhenTheHoursAreNotThereAndHoldsNothing() {
        long tutor = tutorWithHours("1");
        long session = newId();

        JsonNode reply = command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, session,
                90, REPLIES));

        assertThat(reply.path("type").asString()).isEqualTo(EventTypes.HOURS_RESERVATION_REFUSED);
        assertThat(reply.path("data").path("required_minutes").asLong()).isEqualTo(90);
        assertThat(reply.path("data").path("available_minutes").asLong()).isEqualTo(60);
        assertThat(availableMinutes(tutor)).isEqualTo(60);
        assertThat(db.sql("SELECT count(*) AS n FROM hours_hold WHERE session_id = :s").bind("s", session)
                .map((row, meta) -> row.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void releaseAfterReserveReturnsEverything() {
        long tutor = tutorWithHours("3");
        long session = newId();
        command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, session, 60, REPLIES));

        JsonNode reply = command(EventTypes.RELEASE_HOURS, tutor, saga -> new WalletCommands.ReleaseHours(saga, tutor, session,
                REPLIES));

        assertThat(reply.path("type").asString()).isEqualTo(EventTypes.HOURS_RELEASED);
        assertThat(reply.path("data").path("released_minutes").asLong()).isEqualTo(60);
        assertThat(reply.path("data").path("available_minutes").asLong()).isEqualTo(180);
        assertThat(availableMinutes(tutor)).isEqualTo(180);
    }

    @Test
    void settleConsumesTheMinutesUsedAndReleasesTheRest() {
        long tutor = tutorWithHours("3");
        long session = newId();
        command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, session, 60, REPLIES));

        JsonNode reply = command(EventTypes.SETTLE_HOURS, tutor, saga -> new WalletCommands.SettleHours(saga, tutor, session,
                45, REPLIES));

        assertThat(reply.path("type").asString()).isEqualTo(EventTypes.HOURS_SETTLED);
        assertThat(reply.path("data").path("used_minutes").asLong()).isEqualTo(45);
        assertThat(reply.path("data").path("released_minutes").asLong()).isEqualTo(15);
        assertThat(reply.path("data").path("available_minutes").asLong()).isEqualTo(135);
        get("/api/marketplace/tutor/coaching/hours-balance", TestJwt.tutor(tutor)).expectBody()
                .jsonPath("$.data.hours_balance").isEqualTo(2.25)
                .jsonPath("$.data.total_purchased").isEqualTo(3.0)
                .jsonPath("$.data.total_used").isEqualTo(0.75);

        // A session that ran over its hold never takes more than was held.
        long longSession = newId();
        command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, longSession, 30, REPLIES));
        JsonNode over = command(EventTypes.SETTLE_HOURS, tutor, saga -> new WalletCommands.SettleHours(saga, tutor,
                longSession, 50, REPLIES));
        assertThat(over.path("data").path("used_minutes").asLong()).isEqualTo(30);
        assertThat(over.path("data").path("released_minutes").asLong()).isZero();
        assertThat(availableMinutes(tutor)).isEqualTo(105);
    }

    @Test
    void theSameCommandTwiceMovesOnceAndIsAnsweredTwiceIdentically() {
        long tutor = tutorWithHours("3");
        long session = newId();
        String saga = "saga-" + UUID.randomUUID();
        var reserve = new WalletCommands.ReserveHours(saga, tutor, session, 60, REPLIES);
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.WALLET_COMMANDS, List.of(
                Map.entry(Long.toString(tutor), TestEvents.cloudEvent(EventTypes.RESERVE_HOURS, saga, reserve)),
                Map.entry(Long.toString(tutor), TestEvents.cloudEvent(EventTypes.RESERVE_HOURS, saga, reserve))));

        List<JsonNode> replies = Records.await(REPLIES, Records.saga(saga), 2, Duration.ofSeconds(30));

        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).path("id")).isNotEqualTo(replies.get(1).path("id"));
        assertThat(replies.get(1).path("type")).isEqualTo(replies.get(0).path("type"));
        assertThat(replies.get(1).path("data")).isEqualTo(replies.get(0).path("data"));
        assertThat(replies.get(0).path("data").path("available_minutes").asLong()).isEqualTo(120);
        assertThat(availableMinutes(tutor)).isEqualTo(120);

        // Another saga reserving the same session is answered with the hold that exists.
        JsonNode other = command(EventTypes.RESERVE_HOURS, tutor, s -> new WalletCommands.ReserveHours(s, tutor, session, 90,
                REPLIES));
        assertThat(other.path("type").asString()).isEqualTo(EventTypes.HOURS_RESERVED);
        assertThat(other.path("data").path("minutes").asLong()).isEqualTo(60);
        assertThat(availableMinutes(tutor)).isEqualTo(120);
    }

    @Test
    void unlimitedTutorsAreReservedNothingAndNeverRefused() {
        long tutor = newId();
        subscriptionEvent(tutor, "grand_master", true, Instant.now());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get("/api/marketplace/tutor/coaching/hours-balance",
                TestJwt.tutor(tutor)).expectBody().jsonPath("$.data.unlimited").isEqualTo(true));
        long session = newId();

        JsonNode reply = command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, session,
                120, REPLIES));
        assertThat(reply.path("type").asString()).isEqualTo(EventTypes.HOURS_RESERVED);
        assertThat(reply.path("data").path("minutes").asLong()).isZero();
        assertThat(reply.path("data").path("unlimited").asBoolean()).isTrue();

        JsonNode settled = command(EventTypes.SETTLE_HOURS, tutor, saga -> new WalletCommands.SettleHours(saga, tutor,
                session, 100, REPLIES));
        assertThat(settled.path("data").path("used_minutes").asLong()).isZero();
    }

    /** Issue 7 item 9: booked on an unlimited plan that lapsed before the start, the session is held at start. */
    @Test
    void atStartALapsedPlanFillsTheFreeHoldOrIsRefused() {
        long tutor = tutorWithHours("2");
        long session = newId();
        long unpaid = newId();
        subscriptionEvent(tutor, "expert", true, Instant.now().minusSeconds(60));
        awaitUnlimited(tutor, true);
        command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, session, 90, REPLIES));
        command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, unpaid, 60, REPLIES));
        subscriptionEvent(tutor, "free", false, Instant.now());
        awaitUnlimited(tutor, false);

        JsonNode confirmed = command(EventTypes.CONFIRM_HOURS, tutor, saga -> new WalletCommands.ConfirmHours(saga, tutor,
                session, 90, REPLIES));
        assertThat(confirmed.path("type").asString()).isEqualTo(EventTypes.HOURS_CONFIRMED);
        assertThat(confirmed.path("data").path("minutes").asLong()).isEqualTo(90);
        assertThat(confirmed.path("data").path("unlimited").asBoolean()).isFalse();
        assertThat(availableMinutes(tutor)).isEqualTo(30);

        JsonNode refused = command(EventTypes.CONFIRM_HOURS, tutor, saga -> new WalletCommands.ConfirmHours(saga, tutor,
                unpaid, 60, REPLIES));
        assertThat(refused.path("type").asString()).isEqualTo(EventTypes.HOURS_CONFIRMATION_REFUSED);
        assertThat(refused.path("data").path("available_minutes").asLong()).isEqualTo(30);
        assertThat(availableMinutes(tutor)).isEqualTo(30);

        JsonNode settled = command(EventTypes.SETTLE_HOURS, tutor, saga -> new WalletCommands.SettleHours(saga, tutor,
                session, 50, REPLIES));
        assertThat(settled.path("data").path("used_minutes").asLong()).isEqualTo(50);
        assertThat(availableMinutes(tutor)).isEqualTo(70);
    }

    /** Issue 7 item 9: a tutor who upgraded to an unlimited plan after booking is not charged. */
    @Test
    void atStartAnUnlimitedPlanReturnsTheHoldAndTheSessionIsFree() {
        long tutor = tutorWithHours("2");
        long session = newId();
        command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, session, 60, REPLIES));
        assertThat(availableMinutes(tutor)).isEqualTo(60);
        subscriptionEvent(tutor, "grand_master", true, Instant.now());
        awaitUnlimited(tutor, true);

        JsonNode confirmed = command(EventTypes.CONFIRM_HOURS, tutor, saga -> new WalletCommands.ConfirmHours(saga, tutor,
                session, 60, REPLIES));
        assertThat(confirmed.path("data").path("minutes").asLong()).isZero();
        assertThat(confirmed.path("data").path("unlimited").asBoolean()).isTrue();
        assertThat(availableMinutes(tutor)).isEqualTo(120);

        JsonNode settled = command(EventTypes.SETTLE_HOURS, tutor, saga -> new WalletCommands.SettleHours(saga, tutor,
                session, 45, REPLIES));
        assertThat(settled.path("data").path("used_minutes").asLong()).isZero();
        assertThat(availableMinutes(tutor)).isEqualTo(120);
    }

    private void awaitUnlimited(long tutor, boolean unlimited) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get("/api/marketplace/tutor/coaching/hours-balance",
                TestJwt.tutor(tutor)).expectBody().jsonPath("$.data.unlimited").isEqualTo(unlimited));
    }

    @Test
    void aReservationLeavingLittleWarnsTheTutor() {
        long tutor = tutorWithHours("1.5");
        long session = newId();

        command(EventTypes.RESERVE_HOURS, tutor, saga -> new WalletCommands.ReserveHours(saga, tutor, session, 60, REPLIES));

        JsonNode warning = Records.awaitOne(Topics.WALLET_EVENTS, e -> EventTypes.HOURS_BALANCE_LOW.equals(e.path("type").asString())
                && e.path("subject").asString().equals(Long.toString(tutor)));
        assertThat(warning.path("data")).isEqualTo(json("""
                {"tutor_id": %d, "available_minutes": 30, "threshold_minutes": 60}""".formatted(tutor)));
    }

    @Test
    void chargeSubscriptionDebitsTheWallet() {
        long tutor = newId();
        fund(tutor, "100.0");
        Instant period = Instant.parse("2024-01-15T00:00:00Z");

        JsonNode reply = command(EventTypes.CHARGE_SUBSCRIPTION, tutor, saga -> new WalletCommands.ChargeSubscription(saga,
                tutor, "basic", 3900, "NGN", period, Topics.SUBSCRIPTION_SAGA_REPLIES, null), Topics.SUBSCRIPTION_SAGA_REPLIES);

        assertThat(reply.path("type").asString()).isEqualTo(EventTypes.SUBSCRIPTION_CHARGED);
        assertThat(reply.path("data").path("amount_minor").asLong()).isEqualTo(3900);
        assertThat(reply.path("data").path("balance_minor").asLong()).isEqualTo(6100);
        assertThat(reply.path("data").path("transaction_ref").asString())
                .isEqualTo("SUBSCRIPTION-" + tutor + "-basic-" + period.toEpochMilli());
        assertThat(walletBalance(tutor)).isEqualByComparingTo("61.0");
        assertThat(TopicProbe.awaitRecord(Topics.WALLET_EVENTS, r -> r.key().equals(Long.toString(tutor))
                && r.value().contains(EventTypes.WALLET_DEBITED) && r.value().contains("\"reason\":\"subscription\""),
                Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void chargeSubscriptionIsRefusedWithoutEnoughMoneyOrInAnotherCurrency() {
        long tutor = newId();
        fund(tutor, "20.0");

        JsonNode poor = command(EventTypes.CHARGE_SUBSCRIPTION, tutor, saga -> new WalletCommands.ChargeSubscription(saga,
                tutor, "professional", 9900, "NGN", Instant.now(), Topics.SUBSCRIPTION_SAGA_REPLIES, null),
                Topics.SUBSCRIPTION_SAGA_REPLIES);
        assertThat(poor.path("type").asString()).isEqualTo(EventTypes.SUBSCRIPTION_CHARGE_REFUSED);
        assertThat(poor.path("data").path("reason").asString()).isEqualTo("insufficient_funds");
        assertThat(poor.path("data").path("required_minor").asLong()).isEqualTo(9900);
        assertThat(poor.path("data").path("available_minor").asLong()).isEqualTo(2000);

        JsonNode dollars = command(EventTypes.CHARGE_SUBSCRIPTION, tutor, saga -> new WalletCommands.ChargeSubscription(saga,
                tutor, "basic", 500, "USD", Instant.now(), Topics.SUBSCRIPTION_SAGA_REPLIES, null),
                Topics.SUBSCRIPTION_SAGA_REPLIES);
        assertThat(dollars.path("data").path("reason").asString()).isEqualTo("currency_mismatch");

        assertThat(walletBalance(tutor)).isEqualByComparingTo("20.0");
    }

    @Test
    void aCommandThatBreaksTheContractIsDeadLetteredAndMovesNothing() {
        long tutor = tutorWithHours("1");
        String saga = "saga-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        TopicProbe.send(Topics.WALLET_COMMANDS, Long.toString(tutor), TestEvents.cloudEvent(eventId, EventTypes.RESERVE_HOURS,
                saga, new WalletCommands.ReserveHours(saga, tutor, newId(), 0, REPLIES)));

        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql(
                        "SELECT count(*) AS n FROM dead_letter WHERE consumer = 'wallet-commands' AND event_id = :e")
                .bind("e", eventId).map((row, meta) -> row.get("n", Long.class)).one().block() == 1);
        assertThat(availableMinutes(tutor)).isEqualTo(60);
        assertThat(db.sql("SELECT count(*) AS n FROM saga_command WHERE saga_id = :s").bind("s", saga)
                .map((row, meta) -> row.get("n", Long.class)).one().block()).isZero();
    }

    private JsonNode command(String type, long tutor, Function<String, Object> command) {
        return command(type, tutor, command, REPLIES);
    }

    /** Sends the command on a fresh saga (keyed by tutor, as orchestrators do) and returns its one reply. */
    private JsonNode command(String type, long tutor, Function<String, Object> command, String replyTopic) {
        String saga = "saga-" + UUID.randomUUID();
        TopicProbe.send(Topics.WALLET_COMMANDS, Long.toString(tutor), TestEvents.cloudEvent(type, saga, command.apply(saga)));
        return Records.awaitOne(replyTopic, Records.saga(saga));
    }

    private static JsonNode json(String text) {
        return TestEvents.json().readTree(text);
    }
}

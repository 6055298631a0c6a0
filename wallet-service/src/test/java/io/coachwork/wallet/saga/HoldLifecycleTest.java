package io.coachwork.wallet.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.contracts.wallet.WalletReplies;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.wallet.hours.TutorPlans;
import io.coachwork.wallet.support.Records;
import io.coachwork.wallet.support.WalletIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session's hold from reservation to release or settlement, each command applied in one transaction as the
 * command handler applies it: the hold it leaves, the ledger entries it posts and its reply, also for a session
 * that has no hold, a hold already closed, a command naming another tutor and a command delivered twice.
 */
class HoldLifecycleTest extends WalletIntegrationTest {

    private static final String REPLIES = Topics.SESSION_SAGA_REPLIES;

    @Autowired
    HoursHolds holds;
    @Autowired
    TutorPlans plans;
    @Autowired
    TransactionalOperator tx;

    @Test
    void aReleaseReturnsTheHoldOnceAndLaterCommandsAreAnsweredWithTheReleasedHold() {
        long tutor = tutorWithHours("3");
        long session = newId();

        assertThat(reserve("reserve", tutor, session, 60)).isEqualTo(new Reply(EventTypes.HOURS_RESERVED,
                new WalletReplies.HoursReserved("reserve", tutor, session, 60, false, 120)));
        assertThat(hold(session)).startsWith(tutor + " reserve 60 false held 0 0 ");
        // Another reservation of the session is answered with the hold that exists.
        assertThat(reserve("reserve-again", tutor, session, 90)).isEqualTo(new Reply(EventTypes.HOURS_RESERVED,
                new WalletReplies.HoursReserved("reserve-again", tutor, session, 60, false, 120)));

        assertThat(release("release", tutor, session)).isEqualTo(new Reply(EventTypes.HOURS_RELEASED,
                new WalletReplies.HoursReleased("release", tutor, session, 60, 180)));
        String released = hold(session);
        assertThat(released).startsWith(tutor + " reserve 60 false released 0 60 ");

        assertThat(release("release-again", tutor, session)).isEqualTo(new Reply(EventTypes.HOURS_RELEASED,
                new WalletReplies.HoursReleased("release-again", tutor, session, 0, 180)));
        assertThat(settle("settle", tutor, session, 30)).isEqualTo(new Reply(EventTypes.HOURS_SETTLED,
                new WalletReplies.HoursSettled("settle", tutor, session, 0, 60, 180)));
        assertThat(hold(session)).isEqualTo(released);
        assertThat(entries(tutor)).containsExactly(
                "hours_reserve HOLD-" + session + " hours_available -60",
                "hours_reserve HOLD-" + session + " hours_held 60",
                "hours_release RELEASE-" + session + " hours_held -60",
                "hours_release RELEASE-" + session + " hours_available 60");
        assertThat(availableMinutes(tutor)).isEqualTo(180);
    }

    @Test
    void aSettlementConsumesTheUsedMinutesOnceAndLaterCommandsAreAnsweredWithItsSplit() {
        long tutor = tutorWithHours("3");
        long session = newId();
        reserve("reserve", tutor, session, 60);

        assertThat(settle("settle", tutor, session, 45)).isEqualTo(new Reply(EventTypes.HOURS_SETTLED,
                new WalletReplies.HoursSettled("settle", tutor, session, 45, 15, 135)));
        String settled = hold(session);
        assertThat(settled).startsWith(tutor + " reserve 60 false settled 45 15 ");

        assertThat(settle("settle-again", tutor, session, 60)).isEqualTo(new Reply(EventTypes.HOURS_SETTLED,
                new WalletReplies.HoursSettled("settle-again", tutor, session, 45, 15, 135)));
        assertThat(release("release", tutor, session)).isEqualTo(new Reply(EventTypes.HOURS_RELEASED,
                new WalletReplies.HoursReleased("release", tutor, session, 0, 135)));
        assertThat(hold(session)).isEqualTo(settled);

        // A session that ran over its hold consumes the hold and returns nothing.
        long over = newId();
        reserve("reserve-over", tutor, over, 30);
        assertThat(settle("settle-over", tutor, over, 50)).isEqualTo(new Reply(EventTypes.HOURS_SETTLED,
                new WalletReplies.HoursSettled("settle-over", tutor, over, 30, 0, 105)));
        assertThat(hold(over)).startsWith(tutor + " reserve-over 30 false settled 30 0 ");

        assertThat(entries(tutor)).containsExactly(
                "hours_reserve HOLD-" + session + " hours_available -60",
                "hours_reserve HOLD-" + session + " hours_held 60",
                "hours_settle SETTLE-" + session + " hours_held -60",
                "hours_settle SETTLE-" + session + " hours_consumed 45",
                "hours_settle SETTLE-" + session + " hours_available 15",
                "hours_reserve HOLD-" + over + " hours_available -30",
                "hours_reserve HOLD-" + over + " hours_held 30",
                "hours_settle SETTLE-" + over + " hours_held -30",
                "hours_settle SETTLE-" + over + " hours_consumed 30");
        assertThat(availableMinutes(tutor)).isEqualTo(105);
    }

    @Test
    void withoutAHoldNothingMovesAndTheCommandsTutorIsAnswered() {
        long tutor = tutorWithHours("1");
        long session = newId();

        assertThat(release("release", tutor, session)).isEqualTo(new Reply(EventTypes.HOURS_RELEASED,
                new WalletReplies.HoursReleased("release", tutor, session, 0, 60)));
        assertThat(settle("settle", tutor, session, 30)).isEqualTo(new Reply(EventTypes.HOURS_SETTLED,
                new WalletReplies.HoursSettled("settle", tutor, session, 0, 0, 60)));
        assertThatThrownBy(() -> reserve("reserve", tutor, session, 0)).isInstanceOf(IllegalArgumentException.class);

        assertThat(hold(session)).isNull();
        assertThat(entries(tutor)).isEmpty();
    }

    /** The hold decides whose minutes move and who is answered, not the command. */
    @Test
    void aCommandNamingAnotherTutorIsAppliedToTheHoldsTutor() {
        long tutor = tutorWithHours("2");
        long stranger = tutorWithHours("1");
        long session = newId();
        reserve("reserve", tutor, session, 60);

        assertThat(release("release", stranger, session)).isEqualTo(new Reply(EventTypes.HOURS_RELEASED,
                new WalletReplies.HoursReleased("release", tutor, session, 60, 120)));
        assertThat(release("release-again", stranger, session)).isEqualTo(new Reply(EventTypes.HOURS_RELEASED,
                new WalletReplies.HoursReleased("release-again", tutor, session, 0, 120)));
        assertThat(settle("settle", stranger, session, 30)).isEqualTo(new Reply(EventTypes.HOURS_SETTLED,
                new WalletReplies.HoursSettled("settle", tutor, session, 0, 60, 120)));

        assertThat(entries(stranger)).isEmpty();
        assertThat(availableMinutes(stranger)).isEqualTo(60);
        assertThat(availableMinutes(tutor)).isEqualTo(120);
    }

    @Test
    void theTutorsPlanAtReservationDecidesWhetherTheHoldIsFree() {
        long tutor = tutorWithHours("1");
        plans.record(tutor, "grand_master", true, "active", null, Instant.now()).block();
        long released = newId();
        long settled = newId();

        assertThat(reserve("reserve", tutor, released, 120)).isEqualTo(new Reply(EventTypes.HOURS_RESERVED,
                new WalletReplies.HoursReserved("reserve", tutor, released, 0, true, 60)));
        assertThat(hold(released)).startsWith(tutor + " reserve 0 true held 0 0 ");
        assertThat(release("release", tutor, released)).isEqualTo(new Reply(EventTypes.HOURS_RELEASED,
                new WalletReplies.HoursReleased("release", tutor, released, 0, 60)));
        assertThat(hold(released)).startsWith(tutor + " reserve 0 true released 0 0 ");

        reserve("reserve-settled", tutor, settled, 90);
        assertThat(settle("settle", tutor, settled, 100)).isEqualTo(new Reply(EventTypes.HOURS_SETTLED,
                new WalletReplies.HoursSettled("settle", tutor, settled, 0, 0, 60)));
        assertThat(hold(settled)).startsWith(tutor + " reserve-settled 0 true settled 0 0 ");
        assertThat(entries(tutor)).isEmpty();

        // A plan that is no longer unlimited holds the minutes again.
        long paid = newId();
        plans.record(tutor, "free", false, "active", null, Instant.now()).block();
        assertThat(reserve("reserve-paid", tutor, paid, 45)).isEqualTo(new Reply(EventTypes.HOURS_RESERVED,
                new WalletReplies.HoursReserved("reserve-paid", tutor, paid, 45, false, 15)));
        assertThat(hold(paid)).startsWith(tutor + " reserve-paid 45 false held 0 0 ");
    }

    @Test
    void aReleaseAndASettlementDeliveredTwiceMoveOnceAndAreAnsweredTwiceIdentically() {
        long tutor = tutorWithHours("3");
        long released = newId();
        long settled = newId();
        reserve("reserve-released", tutor, released, 60);
        reserve("reserve-settled", tutor, settled, 60);

        List<JsonNode> releases = twice(EventTypes.RELEASE_HOURS, tutor,
                saga -> new WalletCommands.ReleaseHours(saga, tutor, released, REPLIES));
        assertThat(releases.get(0).path("type").asString()).isEqualTo(EventTypes.HOURS_RELEASED);
        assertThat(releases.get(0).path("data").path("released_minutes").asLong()).isEqualTo(60);
        assertThat(releases.get(0).path("data").path("available_minutes").asLong()).isEqualTo(120);

        List<JsonNode> settlements = twice(EventTypes.SETTLE_HOURS, tutor,
                saga -> new WalletCommands.SettleHours(saga, tutor, settled, 45, REPLIES));
        assertThat(settlements.get(0).path("type").asString()).isEqualTo(EventTypes.HOURS_SETTLED);
        assertThat(settlements.get(0).path("data").path("used_minutes").asLong()).isEqualTo(45);
        assertThat(settlements.get(0).path("data").path("released_minutes").asLong()).isEqualTo(15);
        assertThat(settlements.get(0).path("data").path("available_minutes").asLong()).isEqualTo(135);

        assertThat(hold(released)).startsWith(tutor + " reserve-released 60 false released 0 60 ");
        assertThat(hold(settled)).startsWith(tutor + " reserve-settled 60 false settled 45 15 ");
        assertThat(entries(tutor)).containsExactly(
                "hours_reserve HOLD-" + released + " hours_available -60",
                "hours_reserve HOLD-" + released + " hours_held 60",
                "hours_reserve HOLD-" + settled + " hours_available -60",
                "hours_reserve HOLD-" + settled + " hours_held 60",
                "hours_release RELEASE-" + released + " hours_held -60",
                "hours_release RELEASE-" + released + " hours_available 60",
                "hours_settle SETTLE-" + settled + " hours_held -60",
                "hours_settle SETTLE-" + settled + " hours_consumed 45",
                "hours_settle SETTLE-" + settled + " hours_available 15");
        assertThat(availableMinutes(tutor)).isEqualTo(135);
    }

    /** The same command (one saga, two event ids) sent twice; both replies, checked to be the same. */
    private List<JsonNode> twice(String type, long tutor, Function<String, Object> command) {
        String saga = "saga-" + UUID.randomUUID();
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.WALLET_COMMANDS, List.of(
                Map.entry(Long.toString(tutor), TestEvents.cloudEvent(type, saga, command.apply(saga))),
                Map.entry(Long.toString(tutor), TestEvents.cloudEvent(type, saga, command.apply(saga)))));
        List<JsonNode> replies = Records.await(REPLIES, Records.saga(saga), 2, Duration.ofSeconds(30));
        assertThat(replies).hasSize(2);
        assertThat(replies.get(1).path("type")).isEqualTo(replies.get(0).path("type"));
        assertThat(replies.get(1).path("data")).isEqualTo(replies.get(0).path("data"));
        return replies;
    }

    private Reply reserve(String saga, long tutor, long session, long minutes) {
        return tx.transactional(holds.reserve(new WalletCommands.ReserveHours(saga, tutor, session, minutes, REPLIES))).block();
    }

    private Reply release(String saga, long tutor, long session) {
        return tx.transactional(holds.release(new WalletCommands.ReleaseHours(saga, tutor, session, REPLIES))).block();
    }

    private Reply settle(String saga, long tutor, long session, long usedMinutes) {
        return tx.transactional(holds.settle(new WalletCommands.SettleHours(saga, tutor, session, usedMinutes, REPLIES)))
                .block();
    }

    /** The session's hold as one line, its last change included; null when there is none. */
    private String hold(long session) {
        return db.sql("SELECT * FROM hours_hold WHERE session_id = :s").bind("s", session)
                .map((row, meta) -> row.get("tutor_id", Long.class) + " " + row.get("saga_id", String.class) + " "
                        + row.get("minutes", Long.class) + " " + row.get("unlimited", Boolean.class) + " "
                        + row.get("status", String.class) + " " + row.get("used_minutes", Long.class) + " "
                        + row.get("released_minutes", Long.class) + " " + row.get("updated_at", OffsetDateTime.class))
                .one().block();
    }

    /** The tutor's hold postings, entry by entry in posting order. */
    private List<String> entries(long tutor) {
        return db.sql("""
                        SELECT t.kind, t.reference, a.code, e.amount FROM ledger_transaction t
                        JOIN ledger_entry e ON e.transaction_id = t.id JOIN account a ON a.id = e.account_id
                        WHERE t.tutor_id = :t AND t.kind IN ('hours_reserve', 'hours_settle', 'hours_release')
                        ORDER BY e.id""")
                .bind("t", tutor)
                .map((row, meta) -> row.get("kind", String.class) + " " + row.get("reference", String.class) + " "
                        + row.get("code", String.class) + " " + row.get("amount", Long.class))
                .all().collectList().block();
    }
}

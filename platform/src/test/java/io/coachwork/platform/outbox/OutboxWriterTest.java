package io.coachwork.platform.outbox;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import io.coachwork.platform.testapp.PlatformTestApplication;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change appended with its event is written with it by one statement, or neither is; an event appended
 * alone inside a transaction rides on the transaction's next such statement, or is written at its commit.
 */
class OutboxWriterTest extends PlatformIntegrationTest {

    @Autowired
    OutboxWriter outbox;

    @Autowired
    TransactionalOperator tx;

    @Test
    void theChangeAndItsEventAreWrittenTogether() {
        String name = "with-" + UUID.randomUUID();

        CloudEvent event = outbox.appendWith(insertEffect(name, 3), PlatformTestApplication.TOPIC, name,
                        PlatformTestApplication.EFFECT_RECORDED, new PlatformTestApplication.Effect(0, name, 3, 0))
                .as(tx::transactional).block();

        assertThat(countEffects(name)).isOne();
        String payload = db.sql("SELECT payload FROM outbox_event WHERE message_key = :k").bind("k", name)
                .map((row, meta) -> row.get("payload", String.class)).one().block();
        assertThat(payload).contains("\"id\":\"" + event.id() + "\"").contains("\"name\":\"" + name + "\"");
    }

    @Test
    void aChangeThatFailsWritesNoEvent() {
        String name = "failing-" + UUID.randomUUID();

        assertThatThrownBy(() -> outbox.appendWith(insertEffect(name, null), PlatformTestApplication.TOPIC, name,
                        PlatformTestApplication.EFFECT_RECORDED, new PlatformTestApplication.Effect(0, name, 1, 0))
                .as(tx::transactional).block())
                .hasMessageContaining("amount");

        assertThat(countEffects(name)).isZero();
        assertThat(db.sql("SELECT count(*) AS n FROM outbox_event WHERE message_key = :k").bind("k", name)
                .map((row, meta) -> row.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void eventsAppendedInATransactionAreWrittenByItsNextStatementInOrder() {
        String name = "ride-" + UUID.randomUUID();

        outbox.append(PlatformTestApplication.TOPIC, name, PlatformTestApplication.EFFECT_RECORDED, effect(name, 1))
                .then(outbox.append(PlatformTestApplication.TOPIC, name, PlatformTestApplication.EFFECT_RECORDED,
                        effect(name, 2)))
                .then(outbox.runWith(insertEffect(name, 5)))
                .as(tx::transactional).block();

        assertThat(countEffects(name)).isOne();
        // A statement's command id (cmin) is shared by every row it wrote: one statement wrote all three.
        long effectCommand = db.sql("SELECT cmin::text::bigint AS c FROM test_effect WHERE name = :n").bind("n", name)
                .map((row, meta) -> row.get("c", Long.class)).one().block();
        assertThat(db.sql("SELECT cmin::text::bigint AS c, payload FROM outbox_event WHERE message_key = :k ORDER BY seq")
                .bind("k", name).map((row, meta) -> row.get("c", Long.class) + " " + row.get("payload", String.class))
                .all().collectList().block())
                .hasSize(2)
                .satisfiesExactly(
                        first -> assertThat(first).startsWith(effectCommand + " ").contains("\"amount\":1"),
                        second -> assertThat(second).startsWith(effectCommand + " ").contains("\"amount\":2"));
    }

    @Test
    void anEventAppendedLastIsWrittenAtTheCommit() {
        String name = "last-" + UUID.randomUUID();

        outbox.runWith(insertEffect(name, 5))
                .then(outbox.append(PlatformTestApplication.TOPIC, name, PlatformTestApplication.EFFECT_RECORDED,
                        effect(name, 5)))
                .as(tx::transactional).block();

        assertThat(countEffects(name)).isOne();
        assertThat(outboxRows(name)).isOne();
    }

    @Test
    void aStatementThatFailsAfterAnAppendRollsTheEventBackWithIt() {
        String name = "rolled-back-" + UUID.randomUUID();

        assertThatThrownBy(() -> outbox.append(PlatformTestApplication.TOPIC, name,
                        PlatformTestApplication.EFFECT_RECORDED, effect(name, 1))
                .then(outbox.runWith(insertEffect(name, null)))
                .as(tx::transactional).block())
                .hasMessageContaining("amount");

        assertThat(outboxRows(name)).isZero();
        // The next transaction starts with nothing left over from the failed one.
        String next = "after-" + name;
        outbox.runWith(insertEffect(next, 2)).as(tx::transactional).block();
        assertThat(countEffects(next)).isOne();
        assertThat(outboxRows(name) + outboxRows(next)).isZero();
    }

    @Test
    void outsideATransactionAnEventIsWrittenAtOnce() {
        String name = "alone-" + UUID.randomUUID();

        outbox.append(PlatformTestApplication.TOPIC, name, PlatformTestApplication.EFFECT_RECORDED, effect(name, 1))
                .block();

        assertThat(outboxRows(name)).isOne();
    }

    private static PlatformTestApplication.Effect effect(String name, int amount) {
        return new PlatformTestApplication.Effect(0, name, amount, 0);
    }

    private long outboxRows(String key) {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE message_key = :k").bind("k", key)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
    }

    /** amount is NOT NULL: a null one fails the statement. */
    private static OutboxWriter.Change insertEffect(String name, Integer amount) {
        return new OutboxWriter.Change("INSERT INTO test_effect (name, amount, user_id) VALUES (:n, :a, 0)",
                spec -> spec.bind("n", name).bind("a", Parameter.fromOrEmpty(amount, Integer.class)));
    }
}

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

/** A change appended with its event is written with it by one statement, or neither is. */
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

    /** amount is NOT NULL: a null one fails the statement. */
    private static OutboxWriter.Change insertEffect(String name, Integer amount) {
        return new OutboxWriter.Change("INSERT INTO test_effect (name, amount, user_id) VALUES (:n, :a, 0)",
                spec -> spec.bind("n", name).bind("a", Parameter.fromOrEmpty(amount, Integer.class)));
    }
}

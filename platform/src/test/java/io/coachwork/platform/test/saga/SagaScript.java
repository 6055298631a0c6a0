package io.coachwork.platform.test.saga;

import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A saga test written as a script, the way FTGO's saga tests read: "expect this command, given
 * this reply, expect the next". It plays the participant over the real broker against a running
 * service: commands are read from the participant's topic, replies published on the saga's reply
 * topic, and the saga's state read from the service's {@code saga_instance} table.
 *
 * <pre>{@code
 * SagaScript.of(db, Topics.WALLET_COMMANDS, Topics.SESSION_SAGA_REPLIES)
 *     .expectCommand(EventTypes.RESERVE_HOURS, ReserveHours.class, cmd -> cmd.sessionId() == id)
 *     .andGivenReply(EventTypes.HOURS_RESERVED, cmd -> new HoursReserved(...))
 *     .expectState("idle", "reserve");
 * }</pre>
 */
public final class SagaScript {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DatabaseClient db;
    private final String commandTopic;
    private final String replyTopic;
    private String sagaId;

    private SagaScript(DatabaseClient db, String commandTopic, String replyTopic) {
        this.db = db;
        this.commandTopic = commandTopic;
        this.replyTopic = replyTopic;
    }

    public static SagaScript of(DatabaseClient db, String commandTopic, String replyTopic) {
        return new SagaScript(db, commandTopic, replyTopic);
    }

    /** The saga's id, known from its first command. */
    public String sagaId() {
        assertThat(sagaId).as("no command seen yet").isNotNull();
        return sagaId;
    }

    /**
     * Waits for the command of {@code type} that matches; after the first, it must belong to the
     * same saga. Commands are matched from the topic's beginning, so a resent one matches too.
     */
    public <C> Expected<C> expectCommand(String type, Class<C> payload, Predicate<C> match) {
        ConsumerRecord<String, String> record = TopicProbe.awaitRecord(commandTopic, r -> {
                    JsonNode event = TestEvents.json().readTree(r.value());
                    return type.equals(event.path("type").asString())
                            && (sagaId == null || sagaId.equals(event.path("data").path("saga_id").asString()))
                            && match.test(TestEvents.json().treeToValue(event.path("data"), payload));
                }, WAIT)
                .orElseThrow(() -> new AssertionError("expected a " + type + " command"
                        + (sagaId == null ? "" : " for saga " + sagaId)));
        JsonNode data = TestEvents.json().readTree(record.value()).path("data");
        sagaId = data.path("saga_id").asString();
        return new Expected<>(TestEvents.json().treeToValue(data, payload));
    }

    /** How many commands of {@code type} this saga has sent, resends included (from the service's outbox). */
    public long commandsSent(String type) {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE event_type = :type AND payload LIKE :saga")
                .bind("type", type).bind("saga", "%\"saga_id\":\"" + sagaId() + "\"%")
                .map((row, meta) -> row.get("n", Long.class)).one().block();
    }

    /** Waits until the saga is in {@code state} at {@code step}. */
    public SagaScript expectState(String state, String step) {
        String id = sagaId();
        await().atMost(WAIT).untilAsserted(() -> assertThat(db.sql("SELECT state || '/' || step AS s FROM saga_instance "
                        + "WHERE saga_id = CAST(:id AS uuid)").bind("id", id)
                .map((row, meta) -> row.get("s", String.class)).one().block()).isEqualTo(state + "/" + step));
        return this;
    }

    /** Publishes a reply (a new event) for the saga; returns the event id. */
    public String reply(String type, Object data) {
        String eventId = UUID.randomUUID().toString();
        TopicProbe.send(replyTopic, sagaId(), TestEvents.cloudEvent(eventId, type, sagaId(), data));
        return eventId;
    }

    /** A command seen; the reply to give it comes next. */
    public final class Expected<C> {

        private final C command;

        private Expected(C command) {
            this.command = command;
        }

        public C command() {
            return command;
        }

        public SagaScript andGivenReply(String type, Function<C, Object> reply) {
            SagaScript.this.reply(type, reply.apply(command));
            return SagaScript.this;
        }

        /** No reply (the participant is down). */
        public SagaScript andNoReply() {
            return SagaScript.this;
        }
    }
}

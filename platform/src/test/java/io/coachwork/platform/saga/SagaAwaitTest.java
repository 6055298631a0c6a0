package io.coachwork.platform.saga;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A waiting request reads its saga once (not at all when this instance sent its command), then is
 * answered by the change this instance commits (no second read), or by its periodic read when
 * another replica applied the reply. A reply to a
 * saga this instance sent the command of goes straight to the locks. A reply is logged as belonging
 * to an unknown saga only when it does.
 */
class SagaAwaitTest {

    record Data(long id) {
    }

    private static final Instant AT = Instant.parse("2026-11-29T20:00:00Z");
    private static final SagaDefinition<Data> SAGA = SagaDefinition.saga("test", Data.class)
            .step("reserve").invoke("commands", "command.reserve", d -> "k", (id, d) -> d)
            .onReply("reserved", Data.class, (s, r) -> Mono.just(SagaNext.idle(s.data())))
            .build();

    /** The saga table as the engine reads it; counts the reads. */
    private static final class Table extends SagaStore {
        final AtomicReference<Row> stored = new AtomicReference<>();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger locks = new AtomicInteger();

        Table() {
            super(null);
        }

        @Override
        Mono<Row> find(UUID sagaId) {
            return Mono.fromSupplier(() -> {
                reads.incrementAndGet();
                return stored.get();
            });
        }

        @Override
        Mono<Row> lock(UUID sagaId, AggregateLock aggregate) {
            return Mono.fromSupplier(() -> {
                locks.incrementAndGet();
                return stored.get();
            });
        }

        /** The engine inserts a saga in the statement that sends its first command: the fake outbox runs no SQL. */
        @Override
        OutboxWriter.Change inserting(Row row) {
            stored.set(row);
            return super.inserting(row);
        }

        /** Every reply is a redelivery here: the engine stops after recording it. */
        @Override
        Mono<LockedReply> lockAndRecordReply(UUID sagaId, AggregateLock aggregate, String step, String replyType,
                                             String payload, Instant now) {
            return lock(sagaId, aggregate).map(saga -> new LockedReply(saga, false));
        }
    }

    private final Table table = new Table();
    private final SagaWaiters waiters = new SagaWaiters();

    /** Commands go nowhere: these tests are about the saga's reads. */
    private static final class Outbox extends OutboxWriter {
        Outbox() {
            super(null, null, null, "test", null, null);
        }

        @Override
        public Mono<CloudEvent> appendWith(Change change, String topic, String aggregateId, String type, Object data) {
            return Mono.empty();
        }
    }

    private SagaEngine engine(Duration awaitPoll) {
        Saga<Data> saga = () -> SAGA;
        return new SagaEngine(List.of(saga), table, waiters, new Outbox(), null, JsonMapper.builder().build(), null,
                Clock.fixed(AT, ZoneOffset.UTC), new SagaProperties(Duration.ofSeconds(30), Duration.ofMinutes(10),
                awaitPoll, 100, Duration.ofMinutes(1)), null);
    }

    private static SagaStore.Row row(UUID sagaId, SagaState state) {
        return new SagaStore.Row(sagaId, "test", state, "reserve", "{\"id\":7}", 1, null, null, null, AT, AT);
    }

    @Test
    void theCommittedReplyAnswersTheWaitWithoutAnotherRead() {
        UUID sagaId = UUID.randomUUID();
        table.stored.set(row(sagaId, SagaState.AWAITING));

        StepVerifier.create(engine(Duration.ofHours(1)).await(SAGA, sagaId, Duration.ofMinutes(5)))
                .then(() -> assertThat(table.reads).hasValue(1))
                .then(() -> waiters.wake(row(sagaId, SagaState.AWAITING)))
                .then(() -> waiters.wake(row(sagaId, SagaState.IDLE)))
                .assertNext(saga -> {
                    assertThat(saga.state()).isEqualTo(SagaState.IDLE);
                    assertThat(saga.data()).isEqualTo(new Data(7));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(table.reads).hasValue(1);
        assertThat(waiters.size()).isZero();
    }

    @Test
    void aWaitOnASagaThisInstanceStartedReadsNothing() {
        SagaEngine engine = engine(Duration.ofHours(1));
        UUID sagaId = engine.start(SAGA, "reserve", new Data(7)).block().sagaId();

        StepVerifier.create(engine.await(SAGA, sagaId, Duration.ofMinutes(5)))
                .then(() -> waiters.wake(row(sagaId, SagaState.IDLE)))
                .assertNext(saga -> assertThat(saga.state()).isEqualTo(SagaState.IDLE))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(table.reads).hasValue(0);
    }

    @Test
    void aSagaAnsweredBeforeTheWaitIsAnsweredByTheFirstRead() {
        UUID sagaId = UUID.randomUUID();
        table.stored.set(row(sagaId, SagaState.IDLE));

        StepVerifier.create(engine(Duration.ofHours(1)).await(SAGA, sagaId, Duration.ofMinutes(5)))
                .assertNext(saga -> assertThat(saga.state()).isEqualTo(SagaState.IDLE))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(table.reads).hasValue(1);
    }

    @Test
    void aReplyIsCalledUnknownOnlyWhenItsSagaIsMissing() {
        UUID known = UUID.randomUUID();
        table.stored.set(row(known, SagaState.IDLE));
        Logger logger = (Logger) LoggerFactory.getLogger(SagaEngine.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            SagaEngine engine = engine(Duration.ofHours(1));
            StepVerifier.create(engine.onReply(reply(known))).expectComplete().verify(Duration.ofSeconds(5));
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .singleElement().asString().startsWith("repeated reply reserved to saga " + known);

            logged.list.clear();
            table.stored.set(null);
            UUID unknown = UUID.randomUUID();
            StepVerifier.create(engine.onReply(reply(unknown))).expectComplete().verify(Duration.ofSeconds(5));
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("reply reserved to unknown saga " + unknown + "; ignored");
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aReplyToASagaStartedHereIsNotReadBeforeItsLocks() {
        SagaEngine engine = engine(Duration.ofHours(1));
        UUID sagaId = engine.start(SAGA, "reserve", new Data(7)).block().sagaId();

        StepVerifier.create(engine.onReply(reply(sagaId))).expectComplete().verify(Duration.ofSeconds(5));

        assertThat(table.reads).hasValue(0);
        assertThat(table.locks).hasValue(1);
    }

    private static CloudEvent reply(UUID sagaId) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), "wallet", "reserved", null, AT,
                CloudEvent.DATA_CONTENT_TYPE, JsonNodeFactory.instance.objectNode().put("saga_id", sagaId.toString()));
    }

    @Test
    void aReplyAppliedByAnotherReplicaIsSeenByThePeriodicRead() {
        UUID sagaId = UUID.randomUUID();
        table.stored.set(row(sagaId, SagaState.AWAITING));

        StepVerifier.withVirtualTime(() -> engine(Duration.ofSeconds(1)).await(SAGA, sagaId, Duration.ofMinutes(5)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> table.stored.set(row(sagaId, SagaState.COMPLETED)))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(saga -> assertThat(saga.state()).isEqualTo(SagaState.COMPLETED))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(table.reads).hasValue(3);
    }
}

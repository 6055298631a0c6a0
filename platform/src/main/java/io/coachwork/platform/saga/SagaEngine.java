package io.coachwork.platform.saga;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.observability.SagaMetrics;
import io.coachwork.platform.observability.TraceScope;
import io.coachwork.platform.outbox.OutboxWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the service's {@link Saga}s on its outbox and inbox. Commands go out through the outbox in
 * the caller's transaction; replies come in through the caller's inbox-backed consumer and are
 * applied once per saga and step; unanswered commands are resent with backoff until their step's
 * attempt cap or timeout, after which the step gives up and its compensation is sent.
 *
 * <p>Lock order, kept by every path: the owning aggregate (the definition's {@code lockFirst}),
 * then the saga row. A reply and a resend take both in one statement; a start or an advance is called by a
 * transaction that holds the aggregate already.
 */
public class SagaEngine {

    private static final Logger log = LoggerFactory.getLogger(SagaEngine.class);
    /** What starts a waiting request's first read of its saga. */
    private static final Object READ = new Object();

    private final Map<String, SagaDefinition<?>> definitions;
    private final SagaStore store;
    /**
     * The sagas this instance sent a command for, as they were when it was sent: a reply to one
     * needs no read to learn its type and the aggregate to lock first (neither changes during a
     * saga); the saga itself is read again under its lock. A reply handled by another replica, or
     * after a restart, reads the saga as before.
     */
    private final Cache<UUID, SagaStore.Row> sentHere = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofHours(1)).build();
    private final SagaWaiters waiters;
    private final OutboxWriter outbox;
    private final EventCodec codec;
    private final JsonMapper json;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final SagaProperties properties;
    /** Null without a meter registry. */
    private final SagaMetrics metrics;

    SagaEngine(Collection<Saga<?>> sagas, SagaStore store, SagaWaiters waiters, OutboxWriter outbox, EventCodec codec,
               JsonMapper json, TransactionalOperator tx, Clock clock, SagaProperties properties, SagaMetrics metrics) {
        this.definitions = sagas.stream().map(Saga::definition)
                .collect(Collectors.toUnmodifiableMap(SagaDefinition::type, Function.identity()));
        this.store = store;
        this.waiters = waiters;
        this.outbox = outbox;
        this.codec = codec;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** What one recovery pass did. */
    public record Recovery(int resent, int gaveUp) {
    }

    /** Starts a saga with the command of {@code step}; call inside the transaction that decided it. */
    public <D> Mono<SagaInstance<D>> start(SagaDefinition<D> saga, String step, D data) {
        return start(saga, UUID.randomUUID(), step, data);
    }

    /**
     * Starts a saga under an id the caller chose beforehand, so the aggregate that owns it can be
     * stored with the id in the same statement instead of being updated after.
     */
    public <D> Mono<SagaInstance<D>> start(SagaDefinition<D> saga, UUID sagaId, String step, D data) {
        Instant now = clock.instant();
        SagaInstance<D> started = sent(new SagaInstance<>(sagaId, saga.type(), SagaState.AWAITING, step,
                data, 0, null, null, null, now, now), saga.step(step), SagaState.AWAITING, data, now);
        SagaStore.Row row = row(started);
        return send(saga, started, store.inserting(row)).then(afterCommit(row, null)).thenReturn(started);
    }

    /**
     * Sends the command of {@code step} for a saga the caller's transaction has locked the
     * aggregate of. A step still waiting for its reply is abandoned: its reply, if it comes, is
     * recorded and not applied.
     */
    public <D> Mono<SagaInstance<D>> advance(SagaDefinition<D> saga, UUID sagaId, String step, UnaryOperator<D> change) {
        Instant now = clock.instant();
        return lock(saga, sagaId).flatMap(current -> {
            SagaInstance<D> next = sent(current, saga.step(step), SagaState.AWAITING, change.apply(current.data()), now);
            SagaStore.Row row = row(next);
            return send(saga, next, store.updating(row)).then(afterCommit(row, null)).thenReturn(next);
        });
    }

    public <D> Mono<SagaInstance<D>> find(SagaDefinition<D> saga, UUID sagaId) {
        return store.find(sagaId).map(r -> instance(saga, r));
    }

    /**
     * Applies a participant's reply: call from the reply topic's consumer (inside its inbox
     * transaction). A reply to a saga or step this service does not wait on is recorded or ignored.
     */
    public Mono<Void> onReply(CloudEvent event) {
        JsonNode id = event.data() == null ? null : event.data().get("saga_id");
        UUID sagaId = id == null ? null : uuid(id.asString());
        if (sagaId == null) {
            return TraceScope.run(() -> log.warn("reply {} {} carries no saga id; ignored", event.type(), event.id()));
        }
        // The lookup ends in an Optional: apply() completes empty, so an empty-switch after it would always fire.
        SagaStore.Row sent = sentHere.getIfPresent(sagaId);
        Mono<SagaStore.Row> known = sent != null ? Mono.just(sent) : store.find(sagaId);
        return known.map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return TraceScope.run(() -> log.info("reply {} to unknown saga {}; ignored", event.type(), sagaId));
                    }
                    SagaDefinition<?> saga = definitions.get(found.get().type());
                    return saga == null ? Mono.<Void>empty() : apply(saga, found.get(), event);
                });
    }

    private <D> Mono<Void> apply(SagaDefinition<D> saga, SagaStore.Row found, CloudEvent event) {
        SagaDefinition.Step<D> step = saga.stepForReply(event.type()).orElse(null);
        if (step == null) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return store.lockAndRecordReply(found.sagaId(), saga.lockFirst(instance(saga, found).data()), step.name(),
                        event.type(), json.writeValueAsString(event.data()), now)
                .flatMap(locked -> {
                    SagaInstance<D> current = instance(saga, locked.saga());
                    if (!locked.first()) {
                        return TraceScope.run(() -> log.info("repeated reply {} to saga {} step {}; applied once "
                                + "already", event.type(), current.sagaId(), step.name()));
                    }
                    boolean applies = current.state().waitingForReply() && step.name().equals(current.step());
                    return applies ? applyReply(saga, current, step, event, now) : Mono.empty();
                });
    }

    @SuppressWarnings("unchecked")
    private <D, R> Mono<Void> applyReply(SagaDefinition<D> saga, SagaInstance<D> current, SagaDefinition.Step<D> step,
                                         CloudEvent event, Instant now) {
        SagaDefinition.Reply<D, R> reply = (SagaDefinition.Reply<D, R>) step.replies().get(event.type());
        return reply.handler().apply(current, codec.data(event, reply.payload()))
                .flatMap(next -> {
                    SagaInstance<D> moved = moved(saga, current, next, now);
                    SagaStore.Row row = row(moved);
                    // A saga that goes on sends its next command; one that stops carries the handler's events.
                    Mono<Void> saved = moved.state() == SagaState.AWAITING ? send(saga, moved, store.updating(row))
                            : outbox.runWith(store.updating(row));
                    return saved.then(afterCommit(row, replyOutcome(current, moved)));
                });
    }

    /** A compensation's reply ends the saga failed, whatever it says; otherwise the handler decides. */
    private <D> SagaInstance<D> moved(SagaDefinition<D> saga, SagaInstance<D> current, SagaNext<D> next, Instant now) {
        if (current.state() == SagaState.COMPENSATING) {
            return settled(current, SagaState.FAILED, current.failure(), next.data(), now);
        }
        if (next instanceof SagaNext.Step<D> go) {
            return sent(current, saga.step(go.step()), SagaState.AWAITING, go.data(), now);
        }
        if (next instanceof SagaNext.Fail<D> fail) {
            return settled(current, SagaState.FAILED, fail.reason(), fail.data(), now);
        }
        return settled(current, next instanceof SagaNext.Idle<D> ? SagaState.IDLE : SagaState.COMPLETED, null,
                next.data(), now);
    }

    /**
     * Resends every command that is due again, and gives up the steps past their attempt cap or
     * deadline. The due sagas are claimed first (a short statement of its own); each is then
     * handled in its own transaction that takes the locks in the usual order.
     */
    public Mono<Recovery> recover() {
        Instant now = clock.instant();
        // Every claimed saga leaves the due set (resent later, given up, or leased), so batches end.
        return recoverBatch(now)
                .expand(batch -> batch.claimed() == properties.recoveryBatch() ? recoverBatch(now) : Mono.empty())
                .reduce(new Recovery(0, 0), (sum, batch) -> new Recovery(sum.resent() + batch.done().resent(),
                        sum.gaveUp() + batch.done().gaveUp()));
    }

    private record Batch(int claimed, Recovery done) {
    }

    private Mono<Batch> recoverBatch(Instant now) {
        return store.claimDue(now, now.plus(properties.claimLease()), properties.recoveryBatch())
                .flatMap(claimed -> Flux.fromIterable(claimed)
                        .concatMap(row -> {
                            SagaDefinition<?> saga = definitions.get(row.type());
                            // One saga that cannot be handled must not hold up the others: it comes due again after its lease.
                            return saga == null ? Mono.<Boolean>empty() : tx.transactional(recover(saga, row, now))
                                    .onErrorResume(e -> {
                                        log.error("saga {} {} could not be recovered; retried after its lease", row.type(),
                                                row.sagaId(), e);
                                        return Mono.empty();
                                    });
                        })
                        .collectList()
                        .map(done -> new Batch(claimed.size(), new Recovery(
                                (int) done.stream().filter(resent -> resent).count(),
                                (int) done.stream().filter(resent -> !resent).count()))));
    }

    /** True when resent, false when the step gave up; empty when a reply got there first. */
    private <D> Mono<Boolean> recover(SagaDefinition<D> saga, SagaStore.Row claimed, Instant now) {
        return store.lock(claimed.sagaId(), saga.lockFirst(instance(saga, claimed).data())).map(r -> instance(saga, r))
                .filter(current -> current.state() == claimed.state() && current.step().equals(claimed.step())
                        && current.attempts() == claimed.attempts())
                .flatMap(current -> {
                    SagaDefinition.Step<D> step = saga.step(current.step());
                    boolean expired = current.stepDeadline() != null && !now.isBefore(current.stepDeadline());
                    if (expired || current.attempts() >= step.maxAttempts()) {
                        String reason = "step " + step.name() + (expired ? " timed out" : " unanswered after "
                                + current.attempts() + " attempts");
                        return giveUp(saga, current, step, reason, now).thenReturn(false);
                    }
                    SagaInstance<D> resent = new SagaInstance<>(current.sagaId(), current.type(), current.state(),
                            current.step(), current.data(), current.attempts() + 1,
                            now.plus(properties.backoff(current.attempts() + 1)), current.stepDeadline(),
                            current.failure(), current.createdAt(), now);
                    return send(saga, resent, store.updating(row(resent))).thenReturn(true);
                });
    }

    private <D> Mono<Void> giveUp(SagaDefinition<D> saga, SagaInstance<D> current, SagaDefinition.Step<D> step,
                                  String reason, Instant now) {
        log.warn("saga {} {} gives up: {}", saga.type(), current.sagaId(), reason);
        boolean compensate = current.state() == SagaState.AWAITING && step.compensation() != null;
        Mono<Void> hook = current.state() == SagaState.AWAITING ? saga.gaveUp(current, reason) : Mono.empty();
        SagaInstance<D> next = compensate
                ? withFailure(sent(current, saga.step(step.compensation()), SagaState.COMPENSATING, current.data(), now),
                reason)
                : settled(current, SagaState.FAILED, current.state() == SagaState.COMPENSATING
                ? current.failure() + "; compensation " + reason : reason, current.data(), now);
        SagaStore.Row row = row(next);
        return hook.then(compensate ? send(saga, next, store.updating(row)) : outbox.runWith(store.updating(row)))
                .then(afterCommit(row, compensate ? null : "timed_out"));
    }

    /**
     * Waits (no thread blocked) until the saga no longer waits for a reply, or {@code wait} has
     * passed, and answers it as it then is. A change this instance commits wakes it with the saga as
     * committed, so the reply's own path costs no read, nor does the first look at a saga this
     * instance sent the command of; a reply applied by another replica is seen by the periodic read.
     * Reads and wake-ups are taken one at a time, so no read is ever cut short.
     */
    public <D> Mono<SagaInstance<D>> await(SagaDefinition<D> saga, UUID sagaId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        // Subscribed first, so a change committed while the first look runs still wakes the wait. A saga
        // this instance changed last needs no read for that look: it waits for a reply, as committed here.
        Mono<Object> firstLook = Mono.fromSupplier(() -> {
            SagaStore.Row known = sentHere.getIfPresent(sagaId);
            return known != null ? known : READ;
        });
        Flux<Object> triggers = Flux.merge(waiters.changes(sagaId), firstLook, Flux.interval(properties.awaitPoll()),
                Mono.delay(wait));
        return triggers.onBackpressureLatest()
                .concatMap(trigger -> trigger instanceof SagaStore.Row committed ? Mono.just(Optional.of(committed))
                        : store.find(sagaId).map(Optional::of).defaultIfEmpty(Optional.empty()), 1)
                .filter(found -> System.nanoTime() - deadline >= 0
                        || found.map(row -> !row.state().waitingForReply()).orElse(false))
                .next()
                .flatMap(Mono::justOrEmpty)
                .map(found -> instance(saga, found));
    }

    /** Admin view: sagas in these states, newest change first; {@code stuckOnly} keeps those resent or overdue. */
    public Flux<SagaView> list(Collection<SagaState> states, boolean stuckOnly, int limit, long offset) {
        return store.list(states, stuckOnly, clock.instant(), limit, offset).map(this::view);
    }

    public Mono<Long> count(Collection<SagaState> states, boolean stuckOnly) {
        return store.count(states, stuckOnly, clock.instant());
    }

    /** How a saga reads in the admin view. */
    public record SagaView(UUID sagaId, String sagaType, String state, String step, int attempts,
                           Instant nextAttemptAt, Instant stepDeadline, String failure, JsonNode data,
                           Instant createdAt, Instant updatedAt) {
    }

    private SagaView view(SagaStore.Row r) {
        return new SagaView(r.sagaId(), r.type(), r.state().value(), r.step(), r.attempts(), r.nextAttemptAt(),
                r.stepDeadline(), r.failure(), json.readTree(r.data()), r.createdAt(), r.updatedAt());
    }

    /** Locks a saga whose aggregate the caller's transaction has locked already. */
    private <D> Mono<SagaInstance<D>> lock(SagaDefinition<D> saga, UUID sagaId) {
        return store.lock(sagaId, null).map(r -> instance(saga, r));
    }

    /** The saga once the command of {@code step} is (re)sent for the first time. */
    private <D> SagaInstance<D> sent(SagaInstance<D> from, SagaDefinition.Step<D> step, SagaState state, D data,
                                     Instant now) {
        return new SagaInstance<>(from.sagaId(), from.type(), state, step.name(), data, 1,
                now.plus(properties.backoff(1)), step.timeout() == null ? null : now.plus(step.timeout()),
                from.failure(), from.createdAt(), now);
    }

    private static <D> SagaInstance<D> settled(SagaInstance<D> from, SagaState state, String failure, D data,
                                               Instant now) {
        return new SagaInstance<>(from.sagaId(), from.type(), state, from.step(), data, from.attempts(), null, null,
                failure, from.createdAt(), now);
    }

    private static <D> SagaInstance<D> withFailure(SagaInstance<D> s, String failure) {
        return new SagaInstance<>(s.sagaId(), s.type(), s.state(), s.step(), s.data(), s.attempts(), s.nextAttemptAt(),
                s.stepDeadline(), failure, s.createdAt(), s.updatedAt());
    }

    /** Sends the command of the saga's step in the statement that stores the saga's new state. */
    private <D> Mono<Void> send(SagaDefinition<D> saga, SagaInstance<D> instance, OutboxWriter.Change stateChange) {
        SagaDefinition.Step<D> step = saga.step(instance.step());
        return outbox.appendWith(stateChange, step.topic(), step.key().apply(instance.data()), step.commandType(),
                step.command().apply(instance.sagaId(), instance.data())).then();
    }

    /**
     * How a reply left the saga when it ended it: a compensation's reply ends it compensated, a
     * refusal failed; null while it goes on (another step, or idle until its user acts).
     */
    private static String replyOutcome(SagaInstance<?> before, SagaInstance<?> after) {
        return switch (after.state()) {
            case COMPLETED -> "completed";
            case FAILED -> before.state() == SagaState.COMPENSATING ? "compensated" : "failed";
            default -> null;
        };
    }

    /**
     * Once the change is committed: remembers a saga that waits for a reply (forgets one that does
     * not), wakes its waiters with it as committed, and meters it when it ended ({@code outcome}).
     */
    private Mono<Void> afterCommit(SagaStore.Row saga, String outcome) {
        return afterCommit(() -> {
            if (saga.state().waitingForReply()) {
                sentHere.put(saga.sagaId(), saga);
            } else {
                sentHere.invalidate(saga.sagaId());
            }
            waiters.wake(saga);
            if (outcome != null && metrics != null) {
                metrics.record(saga.type(), outcome, Duration.between(saga.createdAt(), saga.updatedAt()));
            }
        });
    }

    /** Runs {@code action} once the change is committed (at once when there is no transaction). */
    private static Mono<Void> afterCommit(Runnable action) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(sync -> {
                    if (!sync.isSynchronizationActive()) {
                        return Mono.fromRunnable(action);
                    }
                    sync.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return Mono.fromRunnable(action);
                        }
                    });
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(action))
                .then();
    }

    private <D> SagaInstance<D> instance(SagaDefinition<D> saga, SagaStore.Row r) {
        return new SagaInstance<>(r.sagaId(), r.type(), r.state(), r.step(), json.readValue(r.data(), saga.dataType()),
                r.attempts(), r.nextAttemptAt(), r.stepDeadline(), r.failure(), r.createdAt(), r.updatedAt());
    }

    private <D> SagaStore.Row row(SagaInstance<D> s) {
        return new SagaStore.Row(s.sagaId(), s.type(), s.state(), s.step(), json.writeValueAsString(s.data()),
                s.attempts(), s.nextAttemptAt(), s.stepDeadline(), s.failure(), s.createdAt(), s.updatedAt());
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

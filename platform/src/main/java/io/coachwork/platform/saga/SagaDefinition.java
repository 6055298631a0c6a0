package io.coachwork.platform.saga;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A saga declared in one place, the way FTGO's {@code CreateOrderSaga} reads: its steps, each with
 * the participant's command, the replies it expects and what each does, the step that compensates
 * it and how long it may wait. Built once per use case; {@link SagaEngine} runs it.
 *
 * <pre>{@code
 * SagaDefinition.saga("coaching-session", Data.class)
 *     .lockFirst("SELECT id FROM coaching_session WHERE id = :aggregate FOR UPDATE", Data::sessionId)
 *     .step("reserve")
 *         .invoke(Topics.WALLET_COMMANDS, EventTypes.RESERVE_HOURS, Data::key, (id, d) -> new ReserveHours(...))
 *         .onReply(EventTypes.HOURS_RESERVED, HoursReserved.class, this::reserved)
 *         .compensatedBy("release")
 *         .timeout(Duration.ofMinutes(10))
 *     .step("release") ...
 *     .build();
 * }</pre>
 */
public final class SagaDefinition<D> {

    /** Applies a reply to the saga in the reply's transaction and says where the saga goes next. */
    @FunctionalInterface
    public interface ReplyHandler<D, R> {
        Mono<SagaNext<D>> apply(SagaInstance<D> saga, R reply);
    }

    /** Called in the transaction that gives a step up (attempt cap or timeout), before its compensation is sent. */
    @FunctionalInterface
    public interface GiveUpHandler<D> {
        Mono<Void> apply(SagaInstance<D> saga, String reason);
    }

    public record Reply<D, R>(String type, Class<R> payload, ReplyHandler<D, R> handler) {
    }

    private record AggregateLock<D>(String sql, Function<D, ?> key) {
    }

    /**
     * One participant command. {@code key} is the Kafka key (a participant keeps one key's commands
     * in order); {@code command} builds the payload, the same on every resend.
     */
    public record Step<D>(String name, String topic, String commandType, Function<D, String> key,
                          BiFunction<UUID, D, Object> command, Map<String, Reply<D, ?>> replies, String compensation,
                          Duration timeout, int maxAttempts) {
    }

    private final String type;
    private final Class<D> dataType;
    private final Map<String, Step<D>> steps;
    private final AggregateLock<D> lockFirst;
    private final GiveUpHandler<D> onGiveUp;

    private SagaDefinition(String type, Class<D> dataType, Map<String, Step<D>> steps, AggregateLock<D> lockFirst,
                           GiveUpHandler<D> onGiveUp) {
        this.type = type;
        this.dataType = dataType;
        this.steps = Map.copyOf(steps);
        this.lockFirst = lockFirst;
        this.onGiveUp = onGiveUp;
    }

    public static <D> Builder<D> saga(String type, Class<D> dataType) {
        return new Builder<>(type, dataType);
    }

    public String type() {
        return type;
    }

    public Class<D> dataType() {
        return dataType;
    }

    public Step<D> step(String name) {
        Step<D> step = steps.get(name);
        if (step == null) {
            throw new IllegalArgumentException("saga " + type + " has no step " + name);
        }
        return step;
    }

    /** The step that expects replies of this type; each reply type belongs to one step. */
    public Optional<Step<D>> stepForReply(String replyType) {
        return steps.values().stream().filter(s -> s.replies().containsKey(replyType)).findFirst();
    }

    /**
     * The statement that locks the owning aggregate before the saga row, the order every writer of both must
     * keep, with its {@code :aggregate} key taken from the data; null for a saga without one.
     */
    SagaStore.AggregateLock lockFirst(D data) {
        return lockFirst == null ? null : new SagaStore.AggregateLock(lockFirst.sql(), lockFirst.key().apply(data));
    }

    Mono<Void> gaveUp(SagaInstance<D> saga, String reason) {
        return onGiveUp.apply(saga, reason);
    }

    public static final class Builder<D> {

        private static final int DEFAULT_MAX_ATTEMPTS = 10;

        private final String type;
        private final Class<D> dataType;
        private final Map<String, Step<D>> steps = new LinkedHashMap<>();
        private AggregateLock<D> lockFirst;
        private GiveUpHandler<D> onGiveUp = (saga, reason) -> Mono.empty();

        private Builder(String type, Class<D> dataType) {
            this.type = type;
            this.dataType = dataType;
        }

        /**
         * The aggregate that owns the saga, locked before the saga row by every path that changes the saga:
         * {@code sql} locks its rows by the {@code :aggregate} parameter, which {@code key} takes from the data
         * (for example {@code "SELECT id FROM coaching_session WHERE id = :aggregate FOR UPDATE"}). The engine
         * runs it inside the statement that locks the saga, so the lock costs no round trip of its own.
         */
        public Builder<D> lockFirst(String sql, Function<D, ?> key) {
            this.lockFirst = new AggregateLock<>(sql, key);
            return this;
        }

        public Builder<D> onGiveUp(GiveUpHandler<D> handler) {
            this.onGiveUp = handler;
            return this;
        }

        public StepBuilder<D> step(String name) {
            return new StepBuilder<>(this, name);
        }

        private Builder<D> add(Step<D> step) {
            if (steps.containsKey(step.name())) {
                throw new IllegalStateException("saga " + type + " declares step " + step.name() + " twice");
            }
            step.replies().keySet().forEach(reply -> steps.values().stream()
                    .filter(other -> other.replies().containsKey(reply)).findAny()
                    .ifPresent(other -> {
                        throw new IllegalStateException("reply " + reply + " belongs to steps " + other.name()
                                + " and " + step.name());
                    }));
            steps.put(step.name(), step);
            return this;
        }

        private SagaDefinition<D> done() {
            steps.values().stream().filter(s -> s.compensation() != null && !steps.containsKey(s.compensation()))
                    .findAny().ifPresent(s -> {
                        throw new IllegalStateException("step " + s.name() + " is compensated by unknown step "
                                + s.compensation());
                    });
            return new SagaDefinition<>(type, dataType, steps, lockFirst, onGiveUp);
        }
    }

    public static final class StepBuilder<D> {

        private final Builder<D> saga;
        private final String name;
        private final Map<String, Reply<D, ?>> replies = new LinkedHashMap<>();
        private String topic;
        private String commandType;
        private Function<D, String> key;
        private BiFunction<UUID, D, Object> command;
        private String compensation;
        private Duration timeout;
        private int maxAttempts = Builder.DEFAULT_MAX_ATTEMPTS;

        private StepBuilder(Builder<D> saga, String name) {
            this.saga = saga;
            this.name = name;
        }

        public StepBuilder<D> invoke(String topic, String commandType, Function<D, String> key,
                                     BiFunction<UUID, D, Object> command) {
            this.topic = topic;
            this.commandType = commandType;
            this.key = key;
            this.command = command;
            return this;
        }

        public <R> StepBuilder<D> onReply(String replyType, Class<R> payload, ReplyHandler<D, R> handler) {
            replies.put(replyType, new Reply<>(replyType, payload, handler));
            return this;
        }

        /** The step sent when this one gives up; its reply ends the saga failed. */
        public StepBuilder<D> compensatedBy(String step) {
            this.compensation = step;
            return this;
        }

        /** How long after the first send the step gives up, resends included. */
        public StepBuilder<D> timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Sends (the first included) before the step gives up. */
        public StepBuilder<D> maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = attempts;
            return this;
        }

        public StepBuilder<D> step(String next) {
            return finish().step(next);
        }

        public SagaDefinition<D> build() {
            return finish().done();
        }

        private Builder<D> finish() {
            if (topic == null || replies.isEmpty()) {
                throw new IllegalStateException("step " + name + " needs a command and at least one reply");
            }
            return saga.add(new Step<>(name, topic, commandType, key, command, Map.copyOf(replies), compensation,
                    timeout, maxAttempts));
        }
    }
}

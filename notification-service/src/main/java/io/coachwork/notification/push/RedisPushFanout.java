package io.coachwork.notification.push;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fan-out over Redis pub/sub, one channel per user ({@link PushEnvelope#channel}): an instance is
 * subscribed to a user's channel exactly while it holds one of their sockets, so a publish reaches
 * only the replicas that can deliver it, each once (Redis sends one copy per subscribed connection,
 * and the {@link PushRegistry} hands it to every socket there), and {@code PUBSUB NUMSUB} answers
 * whether any replica holds a socket. The publisher drops its own copy: it delivered locally already.
 *
 * <p>Redis is best effort here. While it is unreachable, presence is "not here" and pushes to
 * other replicas are dropped at once (the inbox has them); every Redis call is bounded by
 * {@code timeout}, so event handling never waits long or fails because of it. Lettuce reconnects
 * on its own; the subscriptions are then brought back in line with the sockets held here. A
 * connection that could not be opened at all is retried with backoff. Standalone and Sentinel
 * Redis only.
 */
class RedisPushFanout implements PushFanout, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisPushFanout.class);

    private final LettuceConnectionFactory factory;
    private final PushRegistry registry;
    private final JsonMapper json;
    private final Duration timeout;
    private final String instanceId = UUID.randomUUID().toString();
    /** Users whose channel the pub/sub connection is subscribed to. */
    private final Set<Long> followed = ConcurrentHashMap.newKeySet();
    /** Changes to the subscriptions, applied one at a time so a quick disconnect and reconnect cannot reorder them. */
    private final Sinks.Many<Mono<Void>> changes = Sinks.many().unicast().onBackpressureBuffer();
    private volatile Connections connections;
    private volatile Disposable running;

    private record Connections(StatefulRedisPubSubConnection<String, String> pubsub,
                               StatefulRedisConnection<String, String> commands) {
    }

    RedisPushFanout(LettuceConnectionFactory factory, PushRegistry registry, JsonMapper json, Duration timeout) {
        this.factory = factory;
        this.registry = registry;
        this.json = json;
        this.timeout = timeout;
    }

    @Override
    public Mono<Reach> connectedElsewhere(Set<Long> userIds) {
        Connections c = connections;
        if (c == null || !c.commands().isOpen()) {
            return Mono.just(Reach.UNKNOWN);
        }
        String[] channels = userIds.stream().map(PushEnvelope::channel).toArray(String[]::new);
        return c.commands().reactive().pubsubNumsub(channels)
                .map(counts -> new Reach(userIds.stream()
                        .filter(id -> subscribers(counts, id) > 0).collect(Collectors.toSet()), true))
                .timeout(timeout)
                .onErrorResume(e -> {
                    log.warn("Redis did not say which replicas hold sockets ({}); pushing to this instance only", e.toString());
                    return Mono.just(Reach.UNKNOWN);
                });
    }

    private static long subscribers(Map<String, Long> counts, long userId) {
        Long n = counts.get(PushEnvelope.channel(userId));
        return n == null ? 0 : n;
    }

    @Override
    public void publish(long userId, String message) {
        Connections c = connections;
        if (c == null || !c.commands().isOpen()) {
            return;
        }
        c.commands().reactive().publish(PushEnvelope.channel(userId), new PushEnvelope(instanceId, userId, message).toJson(json))
                .timeout(timeout)
                .subscribe(null, e -> log.warn("Push to user {} not handed to the other replicas: {}", userId, e.toString()));
    }

    @Override
    public Mono<Void> follow(long userId) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> done = Sinks.empty();
            enqueue(settle(userId).doFinally(signal -> done.tryEmitEmpty()));
            // Waiting behind a backlog of changes while Redis is slow must not hold up the socket for long.
            return done.asMono().timeout(timeout.multipliedBy(2)).onErrorResume(e -> Mono.empty());
        });
    }

    @Override
    public void unfollow(long userId) {
        enqueue(settle(userId));
    }

    private void enqueue(Mono<Void> change) {
        // Emissions into one sink must not overlap; sockets open and close on many threads.
        synchronized (changes) {
            changes.tryEmitNext(change);
        }
    }

    /** Subscribes to or unsubscribes from the user's channel as their sockets here require; never fails. */
    private Mono<Void> settle(long userId) {
        return Mono.defer(() -> {
            Connections c = connections;
            if (c == null || !c.pubsub().isOpen()) {
                // Brought in line by resync() once Redis is reachable.
                return Mono.<Void>empty();
            }
            boolean wanted = registry.isConnected(userId);
            if (wanted && !followed.contains(userId)) {
                return c.pubsub().reactive().subscribe(PushEnvelope.channel(userId))
                        .then(Mono.fromRunnable(() -> followed.add(userId)));
            }
            if (!wanted && followed.contains(userId)) {
                return c.pubsub().reactive().unsubscribe(PushEnvelope.channel(userId))
                        .then(Mono.fromRunnable(() -> followed.remove(userId)));
            }
            return Mono.<Void>empty();
        }).timeout(timeout).onErrorResume(e -> {
            log.warn("Redis subscription for user {} not changed ({}); their pushes from other replicas may be missed",
                    userId, e.toString());
            return Mono.empty();
        }).then();
    }

    /**
     * After (re)connecting: subscribes every user with a socket here again (Redis may have lost or
     * never had their channel) and lets go of users who left meanwhile.
     */
    private void resync() {
        enqueue(Flux.defer(() -> {
            Set<Long> here = registry.connectedUsers();
            Set<Long> users = new LinkedHashSet<>(here);
            users.addAll(followed);
            followed.removeAll(here);
            return Flux.fromIterable(users);
        }).concatMap(this::settle).then());
    }

    private void receive(String text) {
        PushEnvelope.parse(json, text).ifPresentOrElse(envelope -> {
            if (!instanceId.equals(envelope.origin())) {
                registry.publish(envelope.userId(), envelope.message());
            }
        }, () -> log.warn("Ignored a message on a push channel that is not a push envelope"));
    }

    private Mono<Connections> open() {
        return Mono.fromCallable(() -> {
                    AbstractRedisClient client = factory.getRequiredNativeClient();
                    if (!(client instanceof RedisClient redis)) {
                        throw new UnsupportedOperationException("push fan-out needs standalone or Sentinel Redis, not "
                                + client.getClass().getSimpleName());
                    }
                    StatefulRedisPubSubConnection<String, String> pubsub = redis.connectPubSub(StringCodec.UTF8);
                    try {
                        StatefulRedisConnection<String, String> commands = redis.connect(StringCodec.UTF8);
                        pubsub.addListener(new RedisPubSubAdapter<>() {
                            @Override
                            public void message(String channel, String message) {
                                receive(message);
                            }
                        });
                        pubsub.addListener(new RedisConnectionStateListener() {
                            @Override
                            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                                log.info("Redis reachable again; pushes reach every replica");
                                resync();
                            }

                            @Override
                            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                                if (connections != null) {
                                    // Not when stop() closed it.
                                    log.warn("Redis connection lost; pushes reach this instance's sockets only until it is back");
                                }
                            }
                        });
                        return new Connections(pubsub, commands);
                    } catch (RuntimeException e) {
                        pubsub.closeAsync();
                        throw e;
                    }
                })
                // Lettuce connects blocking.
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(30))
                        .filter(e -> !(e instanceof UnsupportedOperationException))
                        .doBeforeRetry(signal -> {
                            if (signal.totalRetries() == 0) {
                                log.warn("Redis unreachable ({}); pushes reach this instance's sockets only until it is back",
                                        signal.failure().toString());
                            }
                        }));
    }

    @Override
    public void start() {
        Disposable applying = changes.asFlux().concatMap(change -> change).subscribe();
        Disposable connecting = open().subscribe(c -> {
            connections = c;
            log.info("Push fan-out through Redis ready (instance {})", instanceId);
            // Sockets opened while there was no connection yet.
            resync();
        }, e -> log.error("Push fan-out off: {}", e.getMessage()));
        running = Disposables.composite(applying, connecting);
    }

    @Override
    public void stop() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        Connections c = connections;
        connections = null;
        if (c != null) {
            c.pubsub().closeAsync();
            c.commands().closeAsync();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable r = running;
        return r != null && !r.isDisposed();
    }
}

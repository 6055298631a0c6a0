package io.coachwork.notification.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Redis fan-out on its own: two replicas on the local Redis, and one whose Redis is gone. */
class RedisPushFanoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Deque<Runnable> cleanup = new ArrayDeque<>();

    @AfterEach
    void close() {
        cleanup.forEach(Runnable::run);
    }

    private record Replica(PushRegistry registry, RedisPushFanout fanout) {
    }

    private Replica replica(int redisPort) {
        LettuceConnectionFactory redis = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redisPort),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
        redis.afterPropertiesSet();
        redis.start();
        PushRegistry registry = new PushRegistry();
        RedisPushFanout fanout = new RedisPushFanout(redis, registry, JSON, TIMEOUT);
        fanout.start();
        cleanup.push(redis::destroy);
        cleanup.push(fanout::stop);
        return new Replica(registry, fanout);
    }

    private record Device(List<String> received, Disposable connection) {
    }

    /** A socket of {@code userId} on the replica, opened as the socket handler does; returns once it is followed. */
    private Device connect(Replica replica, long userId) {
        List<String> received = new CopyOnWriteArrayList<>();
        Disposable connection = replica.registry().connect(userId)
                .doFinally(signal -> replica.fanout().unfollow(userId))
                .subscribe(received::add);
        cleanup.push(connection::dispose);
        StepVerifier.create(replica.fanout().follow(userId)).expectComplete().verify(Duration.ofSeconds(5));
        return new Device(received, connection);
    }

    /** Waits until the replica's connection to Redis is up (it opens in the background). */
    private static void awaitRedis(Replica replica) {
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.fanout().connectedElsewhere(Set.of(0L)).block().complete());
    }

    @Test
    void aPushReachesTheReplicaHoldingTheSocketOnceAndNotBackToItsPublisher() {
        Replica a = replica(6379);
        Replica b = replica(6379);
        long user = System.nanoTime();
        awaitRedis(a);
        awaitRedis(b);
        List<String> onA = connect(a, user).received();
        List<String> onB = connect(b, user).received();

        assertThat(a.fanout().connectedElsewhere(Set.of(user, user + 1)).block())
                .isEqualTo(new PushFanout.Reach(Set.of(user), true));
        a.fanout().publish(user, "first");
        a.fanout().publish(user, "second");

        await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() >= 2);
        assertThat(onB).containsExactly("first", "second");
        assertThat(onA).as("A's own sockets are served directly, not through Redis").isEmpty();
    }

    @Test
    void aReplicaLetsGoOfAUsersChannelWhenTheirLastSocketThereCloses() {
        Replica a = replica(6379);
        Replica b = replica(6379);
        long user = System.nanoTime();
        awaitRedis(a);
        awaitRedis(b);
        Device phone = connect(b, user);
        Device laptop = connect(b, user);
        assertThat(a.fanout().connectedElsewhere(Set.of(user)).block().connected()).containsExactly(user);

        laptop.connection().dispose();
        assertThat(a.fanout().connectedElsewhere(Set.of(user)).block().connected()).containsExactly(user);
        phone.connection().dispose();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.fanout().connectedElsewhere(Set.of(user)).block()
                .equals(new PushFanout.Reach(Set.of(), true)));
    }

    @Test
    void withRedisGoneEveryCallAnswersPromptlyAndTheSocketsHereStillGetTheirPushes() {
        Replica alone = replica(closedPort());
        List<String> phone = connect(alone, 7).received();

        StepVerifier.create(alone.fanout().connectedElsewhere(Set.of(8L)))
                .expectNext(PushFanout.Reach.UNKNOWN).expectComplete().verify(Duration.ofSeconds(2));
        alone.fanout().publish(7, "lost to the other replicas, kept in the inbox");
        StepVerifier.create(alone.fanout().follow(9)).expectComplete().verify(Duration.ofSeconds(2));
        new PushSender(alone.registry(), alone.fanout()).send(7, "hello");
        assertThat(phone).containsExactly("hello");
        StepVerifier.create(new PushSender(alone.registry(), alone.fanout()).presence(Set.of(7L, 8L)))
                .expectNext(Map.of(7L, Presence.CONNECTED, 8L, Presence.NOT_HERE))
                .expectComplete().verify(Duration.ofSeconds(2));
    }

    @Test
    void afterAnOutageAReplicaFollowsTheUsersWhoConnectedMeanwhileAndPushesFlowAgain() throws IOException {
        Replica a = replica(6379);
        try (RedisLink link = new RedisLink()) {
            Replica b = replica(link.port());
            awaitRedis(a);
            awaitRedis(b);
            long before = System.nanoTime();
            connect(b, before);

            link.cut();
            long during = before + 1;
            StepVerifier.create(b.fanout().connectedElsewhere(Set.of(8L)))
                    .expectNext(PushFanout.Reach.UNKNOWN).expectComplete().verify(Duration.ofSeconds(2));
            Device joined = connect(b, during);

            link.restore();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.fanout().connectedElsewhere(Set.of(before, during)).block()
                    .equals(new PushFanout.Reach(Set.of(before, during), true)));
            a.fanout().publish(during, "after the outage");
            await().atMost(Duration.ofSeconds(10)).until(() -> joined.received().contains("after the outage"));
        }
    }

    /** A TCP link to the local Redis that can be cut (connections dropped, new ones refused) and restored. */
    private static final class RedisLink implements AutoCloseable {

        private final int port = closedPort();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;

        RedisLink() throws IOException {
            restore();
        }

        int port() {
            return port;
        }

        void restore() throws IOException {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress("127.0.0.1", port));
            server = listening;
            daemon(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket client = listening.accept();
                        Socket redis = new Socket("127.0.0.1", 6379);
                        open.add(client);
                        open.add(redis);
                        pump(client, redis);
                        pump(redis, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        void cut() throws IOException {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
        }

        private static void pump(Socket from, Socket to) {
            daemon(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException ignored) {
                    // The link was cut.
                }
                try {
                    to.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            });
        }

        private static void daemon(Runnable work) {
            Thread thread = new Thread(work, "redis-link");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            cut();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

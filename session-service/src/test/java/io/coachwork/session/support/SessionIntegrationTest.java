package io.coachwork.session.support;

import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.platform.directory.DirectoryUser;
import io.coachwork.platform.directory.UserDirectory;
import io.coachwork.platform.messaging.KafkaClients;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.test.MutableClock;
import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Base of session-service's integration tests: one shared service on real PostgreSQL and Kafka,
 * Stream and video configured, the scheduled jobs off (tests run them on demand with the movable clock).
 */
@ServiceTest
@Import(VideoStandIn.class)
@TestPropertySource(properties = {
        "coachwork.jobs.cron-secret=" + SessionIntegrationTest.CRON_SECRET,
        "coachwork.stream.api-key=" + SessionIntegrationTest.STREAM_KEY,
        "coachwork.stream.api-secret=" + SessionIntegrationTest.STREAM_SECRET,
        "coachwork.sessions.time-tracker-cron=-",
        "coachwork.teaching.jobs-cron=-",
        "coachwork.teaching.files.max-size=1MB",
        "coachwork.sagas.recovery-cron=-"})
public abstract class SessionIntegrationTest {

    public static final String CRON_SECRET = "test-cron-secret";
    public static final String STREAM_KEY = "test-stream-key";
    public static final String STREAM_SECRET = "test-stream-secret-0123456789-abcdefghijklmnop";
    protected static final String SESSIONS = "/api/marketplace/tutor/coaching/sessions";
    protected static final String ADMIN = TestJwt.token(9001, "admin");
    protected static final String SUPER_ADMIN = TestJwt.token(9002, "super_admin", "admin");

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1_000);

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected DatabaseClient db;
    @Autowired
    protected UserDirectory directory;

    @Autowired
    private KafkaClients kafkaClients;

    private static volatile boolean repliesConsumerAssigned;

    /** A create request waits for the wallet's answer (up to the saga wait), longer than WebTestClient's default. */
    @BeforeEach
    void patientClient() {
        web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * Once per run: the service's consumer of wallet replies has its partitions, so the first
     * create of the run gets its reply within the saga wait like every other.
     */
    @BeforeEach
    void walletRepliesConsumerAssigned() {
        if (repliesConsumerAssigned) {
            return;
        }
        String group = kafkaClients.groupId("wallet-replies");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeConsumerGroups(List.of(group)).all().get()
                    .get(group).members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty()));
        }
        repliesConsumerAssigned = true;
    }

    /** A user id no other test uses. */
    protected static long newUser() {
        return IDS.incrementAndGet();
    }

    /**
     * A student this service's directory knows (as the identity topic registers them, without a
     * name or email): only such users may be invited.
     */
    protected long newStudent() {
        long id = newUser();
        directory.upsert(new DirectoryUser(id, null, null, Set.of(CurrentUser.STUDENT), null, clock.instant())).block();
        return id;
    }

    protected static String sessionJson(String title, Instant start, Instant end, long... studentIds) {
        return """
                {"title": "%s", "description": "Review of core JavaScript concepts", "start_time": "%s",
                 "end_time": "%s", "student_ids": [%s]}""".formatted(title, start, end,
                Arrays.stream(studentIds).mapToObj(Long::toString).collect(Collectors.joining(", ")));
    }

    protected WebTestClient.ResponseSpec create(long tutorId, String json) {
        return web.post().uri(SESSIONS).headers(h -> h.setBearerAuth(TestJwt.tutor(tutorId)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    protected WebTestClient.ResponseSpec tutorGet(long tutorId, String path) {
        return web.get().uri(SESSIONS + path).headers(h -> h.setBearerAuth(TestJwt.tutor(tutorId))).exchange();
    }

    protected WebTestClient.ResponseSpec tutorPost(long tutorId, String path) {
        return web.post().uri(SESSIONS + path).headers(h -> h.setBearerAuth(TestJwt.tutor(tutorId))).exchange();
    }

    protected WebTestClient.ResponseSpec tutorPost(long tutorId, String path, String json) {
        return web.post().uri(SESSIONS + path).headers(h -> h.setBearerAuth(TestJwt.tutor(tutorId)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    protected WebTestClient.ResponseSpec cancel(long tutorId, long sessionId) {
        return web.delete().uri(SESSIONS + "/" + sessionId).headers(h -> h.setBearerAuth(TestJwt.tutor(tutorId)))
                .exchange();
    }

    protected static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return TestEvents.json().readTree(body);
    }

    /**
     * Creates a session the wallet (played by {@link WalletStandIn}) reserves at once, for
     * {@code minutes} from {@code start}; returns its id.
     */
    protected long scheduledSession(long tutorId, Instant start, int minutes, long... studentIds) {
        CompletableFuture<WalletCommands.ReserveHours> wallet =
                WalletStandIn.answerNextReserve(tutorId, cmd -> WalletStandIn.reserved(cmd, 600));
        JsonNode created = json(create(tutorId, sessionJson("Session of " + tutorId, start,
                start.plus(Duration.ofMinutes(minutes)), studentIds)).expectStatus().isCreated());
        answered(wallet);
        return created.at("/data/id").asLong();
    }

    /** Starts a scheduled session at its start time (the clock moves there). */
    protected void startAt(long tutorId, long sessionId, Instant start) {
        clock.set(start);
        tutorPost(tutorId, "/" + sessionId + "/start").expectStatus().isOk();
    }

    protected long count(String sql, Object... binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (int i = 0; i < binds.length; i++) {
            spec = spec.bind(i, binds[i]);
        }
        return spec.map((row, meta) -> ((Number) row.get(0)).longValue()).one().block();
    }

    /** Events of {@code type} written for {@code key}: what the outbox holds is exactly what was published. */
    protected long outboxEvents(String type, Object key) {
        return count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND message_key = $2", type, key.toString());
    }

    /** Commands of {@code type} written to the outbox for a saga, resends included. */
    protected long commandsSent(String type, String sagaId) {
        return count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND payload LIKE '%' || $2 || '%'", type,
                sagaId);
    }

    protected String sessionStatus(long sessionId) {
        return db.sql("SELECT status FROM coaching_session WHERE id = $1").bind(0, sessionId)
                .map((row, meta) -> row.get("status", String.class)).one().block();
    }

    protected static <T> T answered(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the wallet stand-in did not finish", e);
        }
    }
}

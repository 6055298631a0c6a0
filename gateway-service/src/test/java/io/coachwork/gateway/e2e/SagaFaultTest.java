package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.ServiceProcess;
import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.kafka.KafkaBrokerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coaching-session saga survives its participant and its broker failing mid-load (issue 7,
 * "what must be shown"). Through the real gateway, against wallet-service and session-service
 * running as processes, 100 sessions are created concurrently and every other one is cancelled as
 * soon as its creation answers; once 30 creations have answered, wallet-service is SIGKILLed and
 * started again (same port, same database), or, in the second test, the Kafka broker is. Within two
 * minutes of the restart every session is scheduled, cancelled or failed (none pending), every saga
 * has the reply of its last step (a compensation's included) and agrees with its session, each
 * tutor's hours add up to what they bought less what their scheduled sessions hold, and the
 * wallet's reconciliation finds no discrepancy. No request may answer a 5xx meanwhile.
 *
 * <p>This platform is its own, not the shared {@link RunningPlatform}: killing its processes must not
 * disturb the other end-to-end tests. Its Kafka broker runs in a child JVM
 * ({@link KafkaBrokerProcess}, Apache Kafka's own server main, as a deployment runs it) on a port
 * fixed for the test and a log directory under {@code target/}, because the in-JVM test broker can
 * only start afresh on a new port with empty logs: a restart must keep the broker's address, its
 * topics, the consumer groups' committed offsets and the commands not yet consumed, or it would test
 * a new cluster, not a restart. subscription-service and notification-service play no part in this
 * saga and are not started.
 */
@ServiceTest
class SagaFaultTest {

    private static final Logger log = LoggerFactory.getLogger(SagaFaultTest.class);
    private static final String SESSIONS = "/api/marketplace/tutor/coaching/sessions";
    private static final String ADMIN = TestJwt.token(9101, "admin");
    private static final String SUPER_ADMIN = TestJwt.token(9102, "super_admin", "admin");
    private static final int TUTORS = 10;
    private static final int SESSIONS_PER_TUTOR = 10;
    private static final int HOURS_BOUGHT = 6;
    /** Answered creations before the fault: well inside the run, with more still to come. */
    private static final int CREATED_BEFORE_FAULT = 30;
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(2);

    private static Platform platform;

    @Autowired
    private WebTestClient gateway;

    @LocalServerPort
    private int gatewayPort;

    /** The broker and the two services of the saga, started side by side (the services reach Kafka once it is up). */
    private record Platform(KafkaBrokerProcess kafka, ServiceProcess wallet, ServiceProcess session) {

        static synchronized Platform get() {
            if (platform == null) {
                KafkaBrokerProcess kafka = KafkaBrokerProcess.start(Path.of("target", "fault-test"));
                Map<String, String> env = Map.of("COACHWORK_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
                CompletableFuture<ServiceProcess> wallet = CompletableFuture.supplyAsync(() ->
                        ServiceProcess.start("wallet-service", env));
                CompletableFuture<ServiceProcess> session = CompletableFuture.supplyAsync(() ->
                        ServiceProcess.start("session-service", env));
                kafka.awaitStarted(Duration.ofSeconds(90));
                platform = new Platform(kafka, wallet.join(), session.join());
            }
            return platform;
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        Platform started = Platform.get();
        registry.add("coachwork.routes.wallet", started.wallet()::baseUrl);
        registry.add("coachwork.routes.session", started.session()::baseUrl);
        registry.add("coachwork.rate-limit.replenish-rate", () -> "500");
        registry.add("coachwork.rate-limit.burst-capacity", () -> "1000");
        // As long as the gateway waits for a service: a saga's synchronous wait alone can take 5 s, more on a busy CI machine.
        registry.add("spring.test.webtestclient.timeout", () -> "30s");
    }

    /** The end-to-end tests after this one share the machine: nothing of this platform keeps running. */
    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.session().kill();
            platform.wallet().kill();
            platform.kafka().kill();
        }
    }

    @Test
    void sagasSettleAfterWalletServiceIsKilledMidLoad() {
        Platform p = Platform.get();
        runThrough("wallet-service killed", () -> {
            p.wallet().kill();
            p.wallet().restart();
        });
    }

    @Test
    void sagasSettleAfterTheKafkaBrokerIsKilledMidLoad() {
        Platform p = Platform.get();
        runThrough("Kafka broker killed", () -> {
            p.kafka().kill();
            p.kafka().restart(Duration.ofSeconds(90));
        });
    }

    /** The load with {@code fault} injected once enough of it has answered, then the checks. */
    private void runThrough(String faultName, Runnable fault) {
        List<Long> tutors = IntStream.range(0, TUTORS).mapToObj(i -> fundedTutor()).toList();
        long student = newStudent();
        Load load = new Load(tutors, student);
        CompletableFuture<Void> answers = load.run().toFuture();

        await("creations answered before the fault").atMost(Duration.ofSeconds(60))
                .until(() -> load.createsAnswered.get() >= CREATED_BEFORE_FAULT);
        fault.run();
        long repaired = System.nanoTime();
        answers.orTimeout(2, TimeUnit.MINUTES).join();

        log.info("{}: answers by status {}", faultName, load.statuses);
        assertThat(load.statuses).as("answers by status").allSatisfy((status, count) -> assertThat(status).isLessThan(500));
        // Creations answered 202 (pending) were caught by the fault mid-saga: without them it missed its point.
        assertThat(load.statuses.getOrDefault(202, 0)).as("requests answered while the saga was interrupted").isPositive();
        // Two minutes from the restart, the last requests of the load included.
        await("every saga settled").atMost(SETTLE_WITHIN.minusNanos(System.nanoTime() - repaired))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertSettled(tutors, load));
        log.info("{}: every saga settled {} s after the restart", faultName, (System.nanoTime() - repaired) / 1_000_000_000);
        assertHoursAddUp(tutors);
        assertBooksReconcile();
    }

    /** 100 creations over the tutors, every other one cancelled as soon as its creation answers. */
    private final class Load {

        private final List<Long> tutors;
        private final long student;
        private final WebClient client = WebClient.create("http://localhost:" + gatewayPort);
        private final Instant base = Instant.now().plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(10, 300)))
                .truncatedTo(ChronoUnit.HOURS);
        final AtomicInteger createsAnswered = new AtomicInteger();
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        /** Sessions created and kept, and those whose cancel was accepted (200, or 202 while the hours return). */
        final Set<Long> kept = ConcurrentHashMap.newKeySet();
        final Set<Long> cancelled = ConcurrentHashMap.newKeySet();

        Load(List<Long> tutors, long student) {
            this.tutors = tutors;
            this.student = student;
        }

        Mono<Void> run() {
            return Flux.range(0, TUTORS * SESSIONS_PER_TUTOR)
                    .flatMap(i -> {
                        String token = TestJwt.tutor(tutors.get(i % TUTORS));
                        Mono<Long> created = create(token, i);
                        return i % 2 == 0 ? created.doOnNext(kept::add) : created.flatMap(id -> cancel(token, id));
                    }, 20)
                    .then();
        }

        private Mono<Long> create(String token, int i) {
            Instant start = base.plus(Duration.ofHours(2L * (i / TUTORS)));
            return client.post().uri(SESSIONS).headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("""
                            {"title": "Fault %d", "start_time": "%s", "end_time": "%s", "student_ids": [%d]}
                            """.formatted(i, start, start.plus(Duration.ofHours(1)), student))
                    .exchangeToMono(response -> response.bodyToMono(JsonNode.class).map(body -> {
                        int status = response.statusCode().value();
                        statuses.merge(status, 1, Integer::sum);
                        createsAnswered.incrementAndGet();
                        return status == 201 || status == 202 ? body.get("data").get("id").asLong() : -1L;
                    }))
                    .filter(id -> id > 0);
        }

        private Mono<Long> cancel(String token, long id) {
            return client.delete().uri(SESSIONS + "/" + id).headers(h -> h.setBearerAuth(token))
                    .exchangeToMono(response -> response.releaseBody().then(Mono.fromRunnable(() -> {
                        int status = response.statusCode().value();
                        statuses.merge(status, 1, Integer::sum);
                        if (status == 200 || status == 202) {
                            cancelled.add(id);
                        }
                    })))
                    .thenReturn(id);
        }
    }

    /** Sessions and sagas as session-service's database has them, and the admin view of stuck sagas. */
    private void assertSettled(List<Long> tutors, Load load) throws SQLException {
        try (Connection db = connect(Platform.get().session().database()); Statement s = db.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM coaching_session WHERE status = 'pending'"))
                    .as("sessions still pending").isZero();
            assertThat(count(s, "SELECT count(*) FROM saga_instance WHERE state IN ('awaiting', 'compensating')"))
                    .as("sagas still waiting for a reply").isZero();
            assertThat(count(s, """
                    SELECT count(*) FROM saga_instance i
                    WHERE NOT EXISTS (SELECT 1 FROM saga_reply r WHERE r.saga_id = i.saga_id AND r.step = i.step)"""))
                    .as("sagas whose last step (the compensation, for one given up) has no reply").isZero();
            // A cancel abandons an unanswered reservation; the wallet still answers it (recorded, not applied).
            assertThat(count(s, """
                    SELECT count(*) FROM saga_instance i
                    WHERE NOT EXISTS (SELECT 1 FROM saga_reply r WHERE r.saga_id = i.saga_id AND r.step = 'reserve')"""))
                    .as("sagas whose reservation was never answered").isZero();
            assertThat(count(s, """
                    SELECT count(*) FROM coaching_session c LEFT JOIN saga_instance i ON i.saga_id = c.saga_id
                    WHERE NOT ((c.status = 'scheduled' AND i.state = 'idle' AND i.step = 'reserve')
                            OR (c.status = 'cancelled' AND i.state = 'completed' AND i.step = 'release')
                            OR (c.status = 'failed' AND i.state = 'failed'))"""))
                    .as("sessions whose saga says otherwise").isZero();
            assertThat(count(s, "SELECT count(*) FROM coaching_session WHERE tutor_id IN (" + ids(tutors) + ")"))
                    .as("sessions of this run").isEqualTo(TUTORS * SESSIONS_PER_TUTOR);
            if (!load.cancelled.isEmpty()) {
                assertThat(count(s, "SELECT count(*) FROM coaching_session WHERE status <> 'cancelled' AND id IN ("
                        + ids(load.cancelled) + ")")).as("sessions cancelled by their tutor but not cancelled").isZero();
            }
            if (!load.kept.isEmpty()) {
                assertThat(count(s, "SELECT count(*) FROM coaching_session WHERE status NOT IN ('scheduled', 'failed')"
                        + " AND id IN (" + ids(load.kept) + ")")).as("kept sessions neither scheduled nor refused").isZero();
            }
        }
        for (String state : List.of("stuck", "awaiting", "compensating")) {
            JsonNode page = data(gateway.get().uri("/api/admin/session-service/sagas?state=" + state)
                    .headers(h -> h.setBearerAuth(ADMIN)).exchange().expectStatus().isOk());
            assertThat(page.get("pagination").get("total").asLong()).as("sagas " + state).isZero();
        }
    }

    /** Each tutor holds one hour per scheduled session and has the rest of what they bought available. */
    private void assertHoursAddUp(List<Long> tutors) {
        Map<Long, Long> scheduled = new HashMap<>();
        try (Connection db = connect(Platform.get().session().database()); Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT tutor_id, count(*) FROM coaching_session WHERE status = 'scheduled'"
                     + " AND tutor_id IN (" + ids(tutors) + ") GROUP BY tutor_id")) {
            while (rows.next()) {
                scheduled.put(rows.getLong(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (long tutor : tutors) {
            long held = scheduled.getOrDefault(tutor, 0L);
            JsonNode hours = data(gateway.get().uri("/api/admin/wallet/wallets/" + tutor)
                    .headers(h -> h.setBearerAuth(ADMIN)).exchange().expectStatus().isOk()).get("hours");
            assertThat(hours.get("hours_held").decimalValue()).as("tutor %d hours held", tutor)
                    .isEqualByComparingTo(Long.toString(held));
            assertThat(hours.get("hours_balance").decimalValue()).as("tutor %d hours available", tutor)
                    .isEqualByComparingTo(Long.toString(HOURS_BOUGHT - held));
        }
    }

    private void assertBooksReconcile() {
        JsonNode report = data(gateway.get().uri("/api/admin/wallet/reconciliation").headers(h -> h.setBearerAuth(ADMIN))
                .exchange().expectStatus().isOk());
        assertThat(report.get("discrepancies").size()).as(report.toString()).isZero();
        assertThat(report.get("ok").asBoolean()).isTrue();
    }

    /** A tutor with {@value #HOURS_BOUGHT} hours bought from a wallet a super admin funded. */
    private long fundedTutor() {
        long tutor = newUser();
        gateway.post().uri("/api/admin/wallet/adjustments").headers(h -> h.setBearerAuth(SUPER_ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"tutor_id\": " + tutor + ", \"amount\": 100, \"reason\": \"fault test funding\"}")
                .exchange().expectStatus().isCreated();
        gateway.post().uri("/api/marketplace/tutor/coaching/purchase-hours")
                .headers(h -> h.setBearerAuth(TestJwt.tutor(tutor))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"hours\": " + HOURS_BOUGHT + "}").exchange().expectStatus().isOk();
        return tutor;
    }

    /** A student session-service knows (from their own call): only they can be invited. */
    private long newStudent() {
        long id = newUser();
        gateway.get().uri("/api/student/coaching/sessions").headers(h -> h.setBearerAuth(TestJwt.student(id)))
                .exchange().expectStatus().isOk();
        return id;
    }

    private static long newUser() {
        return ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000_000L);
    }

    private static JsonNode data(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return TestEvents.json().readTree(body).get("data");
    }

    private static Connection connect(String database) throws SQLException {
        TestInfrastructure.PostgresServer pg = TestInfrastructure.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String ids(Collection<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }
}

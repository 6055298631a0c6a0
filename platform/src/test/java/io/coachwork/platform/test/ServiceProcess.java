package io.coachwork.platform.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real service, started from its runnable jar in a child JVM against a fresh database of the
 * test PostgreSQL and the run's Kafka broker, for end-to-end tests through the gateway. The jar
 * comes from the service module's {@code target/} (built by {@code ./mvnw verify} before the
 * gateway's tests run). Stopped at JVM exit. A fault test can kill it and start it again on the
 * same port and database.
 */
public final class ServiceProcess {

    private final String name;
    private final Path jar;
    private final int port;
    private final String database;
    private final Map<String, String> env;
    private final Path log;
    private volatile Process process;

    private ServiceProcess(String name, Path jar, int port, String database, Map<String, String> env, Path log) {
        this.name = name;
        this.log = log;
        this.jar = jar;
        this.port = port;
        this.database = database;
        this.env = env;
    }

    /**
     * Starts {@code <module>/target/<module>-*-exec.jar} with extra environment variables and waits
     * until healthy. The run's Kafka broker unless {@code COACHWORK_KAFKA_BOOTSTRAP_SERVERS} is given.
     */
    public static ServiceProcess start(String module, Map<String, String> extraEnv) {
        Path jar = findJar(module);
        int port = freePort();
        TestInfrastructure.PostgresServer pg = TestInfrastructure.postgres();
        String database = TestInfrastructure.createDatabase("cw_e2e_" + module.replace("-service", ""));
        Map<String, String> env = new HashMap<>(Map.of(
                "SERVER_PORT", Integer.toString(port),
                "SPRING_R2DBC_URL", pg.r2dbcUrl(database),
                "SPRING_R2DBC_USERNAME", pg.user(),
                "SPRING_R2DBC_PASSWORD", pg.password(),
                "SPRING_FLYWAY_URL", pg.jdbcUrl(database),
                "SPRING_FLYWAY_USER", pg.user(),
                "SPRING_FLYWAY_PASSWORD", pg.password(),
                "COACHWORK_SECURITY_JWT_SECRET", TestJwt.SECRET));
        env.putAll(extraEnv);
        env.computeIfAbsent("COACHWORK_KAFKA_BOOTSTRAP_SERVERS", key -> TestInfrastructure.kafkaBootstrapServers());
        try {
            ServiceProcess service = new ServiceProcess(module, jar, port, database, Map.copyOf(env),
                    Files.createTempFile(module + "-", ".log"));
            service.launch();
            // Whichever process is running the service at exit, not only the first one.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> service.process.destroyForcibly()));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** What the service has logged so far (JSON lines: the jar runs without the tests' logback config). */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's database on the test PostgreSQL, for tests that check its state directly. */
    public String database() {
        return database;
    }

    public void stop() {
        process.destroy();
    }

    /** SIGKILL: the service gets no chance to finish requests, commit offsets or flush anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " kill interrupted", e);
        }
    }

    /** Starts the (stopped or killed) service again on its port and database and waits until healthy. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    private void launch() {
        try {
            // Appended to: a restarted service's log follows the log of the one that was killed.
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
            // Generous: on a loaded 2-core machine five JVMs starting at once take minutes; a quiet one takes seconds.
            awaitHealthy(Duration.ofSeconds(240));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await(name + " healthy").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
                }
                try {
                    HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("\"UP\"");
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " was not healthy within " + timeout + "; log: " + tail(), e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path findJar(String module) {
        File target = Path.of("..", module, "target").toFile();
        File[] jars = target.listFiles((dir, file) -> file.startsWith(module) && file.endsWith("-exec.jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("No runnable jar in " + target.getAbsolutePath()
                    + ": run the whole build (./mvnw verify) so the services are packaged before the gateway's tests");
        }
        return jars[0].toPath().toAbsolutePath();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

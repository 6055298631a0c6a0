package io.coachwork.platform.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;

/**
 * The real PostgreSQL and Kafka every integration test runs against, started once per JVM.
 * Where a Docker engine answers, Testcontainers provides both; elsewhere the machine's PostgreSQL
 * on 127.0.0.1:5432 and an in-JVM KRaft broker. {@code COACHWORK_TEST_INFRA=local|containers}
 * forces a choice; {@code COACHWORK_TEST_KAFKA_BOOTSTRAP} reuses a broker that is already running.
 */
public final class TestInfrastructure {

    private static final boolean CONTAINERS = useContainers();
    private static PostgresServer postgres;
    private static String kafkaBootstrap;

    private TestInfrastructure() {
    }

    public record PostgresServer(String host, int port, String user, String password) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String r2dbcUrl(String database) {
            return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = CONTAINERS ? ContainerInfrastructure.startPostgres()
                    : new PostgresServer(env("COACHWORK_TEST_PG_HOST", "127.0.0.1"),
                    Integer.parseInt(env("COACHWORK_TEST_PG_PORT", "5432")), env("COACHWORK_TEST_PG_USER", "postgres"),
                    env("COACHWORK_TEST_PG_PASSWORD", ""));
        }
        return postgres;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrap == null) {
            String external = System.getenv("COACHWORK_TEST_KAFKA_BOOTSTRAP");
            if (external != null && !external.isBlank()) {
                kafkaBootstrap = external;
            } else if (CONTAINERS) {
                kafkaBootstrap = ContainerInfrastructure.startKafka();
            } else {
                kafkaBootstrap = InJvmKafka.start();
            }
        }
        return kafkaBootstrap;
    }

    /** Starts a broker for the local stack; tests use {@link #kafkaBootstrapServers()}. */
    public static String startLocalBroker() {
        return InJvmKafka.start();
    }

    /** A new, empty database on the test server, dropped when the JVM exits. */
    public static String createDatabase(String prefix) {
        PostgresServer server = postgres();
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        execute(server, "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // The server may already be gone at JVM exit; a leftover test database is harmless.
            }
        }));
        return name;
    }

    private static void execute(PostgresServer server, String sql) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server.host() + ":" + server.port() + " refused: " + sql, e);
        }
    }

    private static boolean useContainers() {
        String forced = System.getenv("COACHWORK_TEST_INFRA");
        if ("local".equalsIgnoreCase(forced)) {
            return false;
        }
        if ("containers".equalsIgnoreCase(forced)) {
            return true;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

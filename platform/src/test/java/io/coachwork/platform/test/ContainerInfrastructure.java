package io.coachwork.platform.test;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Docker path: one PostgreSQL and one Kafka container for the whole JVM (Ryuk removes them). */
final class ContainerInfrastructure {

    private ContainerInfrastructure() {
    }

    @SuppressWarnings("resource")
    static TestInfrastructure.PostgresServer startPostgres() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
        container.start();
        return new TestInfrastructure.PostgresServer(container.getHost(), container.getMappedPort(5432),
                container.getUsername(), container.getPassword());
    }

    @SuppressWarnings("resource")
    static String startKafka() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.0");
        container.start();
        return container.getBootstrapServers();
    }
}

package io.coachwork.notification;

import io.coachwork.platform.test.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The service boots against real PostgreSQL and Kafka, migrates its database and reports healthy. */
@ServiceTest
class NotificationServiceBootTest {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Test
    void bootsMigratesAndIsHealthy() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        Long platformTables = db.sql("SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN "
                        + "('outbox_event', 'inbox_event', 'dead_letter', 'idempotency_key', 'directory_user')")
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(platformTables).isEqualTo(5);
    }

    @Test
    void apiNeedsAToken() {
        web.get().uri("/api/anything").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false);
    }
}

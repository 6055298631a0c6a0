package io.coachwork.session;

import io.coachwork.session.support.SessionIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service boots against real PostgreSQL and Kafka, migrates its database and reports healthy. */
class SessionServiceBootTest extends SessionIntegrationTest {

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

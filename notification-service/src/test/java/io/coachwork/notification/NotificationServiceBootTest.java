package io.coachwork.notification;

import io.coachwork.notification.support.NotificationIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service boots against real PostgreSQL and Kafka, migrates its database and reports healthy. */
class NotificationServiceBootTest extends NotificationIntegrationTest {

    @Test
    void bootsMigratesAndIsHealthy() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        long platformTables = count("SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN "
                + "('outbox_event', 'inbox_event', 'dead_letter', 'idempotency_key', 'directory_user')");
        assertThat(platformTables).isEqualTo(5);
        long ownTables = count("SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN "
                + "('notification', 'delivery', 'notification_preference', 'coaching_session', 'scheduled_reminder')");
        assertThat(ownTables).isEqualTo(5);
    }

    @Test
    void apiNeedsAToken() {
        web.get().uri("/api/notifications").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false);
    }
}

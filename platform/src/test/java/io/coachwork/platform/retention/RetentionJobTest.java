package io.coachwork.platform.retention;

import io.coachwork.platform.testapp.PlatformIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.Parameter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Published outbox rows past their retention and Idempotency-Key answers past 24 hours are deleted, batch
 * after batch; unpublished events, however old, and younger rows stay.
 */
class RetentionJobTest extends PlatformIntegrationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    RetentionJob contextJob;

    @Test
    void deletesPublishedOutboxRowsAndExpiredKeysPastTheirRetentionOnly() {
        String run = UUID.randomUUID().toString();
        Duration retention = Duration.ofDays(1);
        for (int i = 0; i < 5; i++) {
            outboxRow(run, "old-published-" + i, NOW.minus(retention).minusSeconds(60), true);
        }
        outboxRow(run, "old-unpublished", NOW.minus(Duration.ofDays(30)), false);
        outboxRow(run, "young-published", NOW.minus(retention).plus(Duration.ofHours(1)), true);
        long user = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
        idempotencyKey(user, "expired", NOW.minus(Duration.ofHours(25)));
        idempotencyKey(user, "live", NOW.minus(Duration.ofHours(23)));

        // Batches of two: the five old published rows take three statements.
        RetentionJob job = new RetentionJob(db, new RetentionProperties(Duration.ofMinutes(10), retention, 2),
                Clock.fixed(NOW, ZoneOffset.UTC));
        RetentionJob.Report report = job.run().block();

        assertThat(outboxKeys(run)).containsExactlyInAnyOrder("old-unpublished", "young-published");
        assertThat(idempotencyKeys(user)).containsExactly("live");
        assertThat(report.outboxRows()).isGreaterThanOrEqualTo(5);
        assertThat(report.idempotencyKeys()).isGreaterThanOrEqualTo(1);

        RetentionJob.Report again = job.run().block();
        assertThat(outboxKeys(run)).containsExactlyInAnyOrder("old-unpublished", "young-published");
        assertThat(again).isEqualTo(new RetentionJob.Report(0, 0));
    }

    @Test
    void everyServiceWithADatabaseRunsTheJob() {
        assertThat(contextJob.isRunning()).isTrue();
    }

    private void outboxRow(String run, String key, Instant createdAt, boolean published) {
        // Leased for an hour, so the context's relay leaves the unpublished one alone.
        db.sql("INSERT INTO outbox_event (id, topic, message_key, event_type, payload, created_at, claimed_until, "
                        + "published_at) VALUES (:id, 'retention.test', :key, 't', :run, :at, now() + interval '1 hour', :pub)")
                .bind("id", UUID.randomUUID()).bind("key", key).bind("run", run)
                .bind("at", createdAt.atOffset(ZoneOffset.UTC))
                .bind("pub", Parameter.fromOrEmpty(published ? createdAt.plusSeconds(1).atOffset(ZoneOffset.UTC) : null,
                        OffsetDateTime.class))
                .fetch().rowsUpdated().block();
    }

    private void idempotencyKey(long user, String key, Instant createdAt) {
        db.sql("INSERT INTO idempotency_key (user_id, idem_key, request_hash, status_code, created_at, completed_at) "
                        + "VALUES (:u, :k, 'hash', 201, :at, :at)")
                .bind("u", user).bind("k", key).bind("at", createdAt.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().block();
    }

    private List<String> outboxKeys(String run) {
        return db.sql("SELECT message_key FROM outbox_event WHERE payload = :run").bind("run", run)
                .map((row, meta) -> row.get("message_key", String.class)).all().collectList().block();
    }

    private List<String> idempotencyKeys(long user) {
        return db.sql("SELECT idem_key FROM idempotency_key WHERE user_id = :u").bind("u", user)
                .map((row, meta) -> row.get("idem_key", String.class)).all().collectList().block();
    }
}

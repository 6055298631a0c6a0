package io.coachwork.platform.retention;

import io.coachwork.platform.idempotency.IdempotencyKeyFilter;
import io.coachwork.platform.jobs.BackgroundStream;
import io.coachwork.platform.jobs.ScheduledRuns;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Deletes what the platform's tables only needed for a while: outbox rows published longer ago than
 * {@code coachwork.retention.published-outbox}, and Idempotency-Key answers past their 24 hours (the filter
 * treats those as new keys already). Without it both tables grow with every event and every keyed request.
 * Each batch is one statement of its own, so no lock is held for long; replicas skip each other's rows.
 */
public class RetentionJob extends BackgroundStream {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final String PUBLISHED_OUTBOX = """
            DELETE FROM outbox_event WHERE seq IN (
                SELECT seq FROM outbox_event WHERE created_at < :cutoff AND published_at IS NOT NULL
                LIMIT :limit FOR UPDATE SKIP LOCKED)""";
    private static final String EXPIRED_IDEMPOTENCY_KEYS = """
            DELETE FROM idempotency_key WHERE (user_id, idem_key) IN (
                SELECT user_id, idem_key FROM idempotency_key WHERE created_at < :cutoff
                LIMIT :limit FOR UPDATE SKIP LOCKED)""";

    /** Rows one run deleted. */
    public record Report(long outboxRows, long idempotencyKeys) {
    }

    private final DatabaseClient db;
    private final RetentionProperties properties;
    private final Clock clock;

    public RetentionJob(DatabaseClient db, RetentionProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    /** The first run comes one interval after the start: nothing here is urgent, and a restart loop repeats none. */
    @Override
    protected Disposable subscribe() {
        return every(properties.interval(), properties.interval(), this::loggedRun,
                e -> log.error("retention run failed", e));
    }

    private Mono<Void> loggedRun() {
        return ScheduledRuns.logged(log, "retention run", run(), report -> {
            if (report.outboxRows() + report.idempotencyKeys() > 0) {
                log.info("retention: deleted {} published outbox row(s), {} expired idempotency key(s)",
                        report.outboxRows(), report.idempotencyKeys());
            }
        });
    }

    /** One run: every row past its retention, batch after batch. */
    public Mono<Report> run() {
        return Mono.defer(() -> {
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            return deleteOlderThan(PUBLISHED_OUTBOX, now.minus(properties.publishedOutbox()))
                    .flatMap(outbox -> deleteOlderThan(EXPIRED_IDEMPOTENCY_KEYS, now.minus(IdempotencyKeyFilter.TTL))
                            .map(keys -> new Report(outbox, keys)));
        });
    }

    private Mono<Long> deleteOlderThan(String sql, OffsetDateTime cutoff) {
        Mono<Long> batch = db.sql(sql).bind("cutoff", cutoff).bind("limit", properties.batchSize())
                .fetch().rowsUpdated();
        return batch.expand(deleted -> deleted >= properties.batchSize() ? batch : Mono.empty())
                .reduce(0L, Long::sum);
    }
}

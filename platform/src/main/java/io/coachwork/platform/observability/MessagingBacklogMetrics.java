package io.coachwork.platform.observability;

import io.coachwork.platform.jobs.BackgroundStream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Outbox backlog, age of its oldest unpublished row, and dead letters not yet replayed, as gauges.
 * A gauge cannot run a reactive query when scraped, so the values are refreshed on an interval
 * (one small query each, one after the other) and the scrape reads the last values.
 */
public class MessagingBacklogMetrics extends BackgroundStream {

    private static final Logger log = LoggerFactory.getLogger(MessagingBacklogMetrics.class);

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration interval;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    public MessagingBacklogMetrics(DatabaseClient db, Clock clock, Duration interval, MeterRegistry registry) {
        this.db = db;
        this.clock = clock;
        this.interval = interval;
        Gauge.builder("coachwork.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events not yet published to Kafka").register(registry);
        Gauge.builder("coachwork.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest outbox event not yet published").register(registry);
        Gauge.builder("coachwork.dead.letters", deadLetters, AtomicLong::get)
                .description("Dead-lettered records not yet replayed").register(registry);
    }

    /** Reads the current values once (also what each interval runs). */
    public Mono<Void> refresh() {
        Mono<Void> outbox = db.sql("SELECT count(*) AS n, min(created_at) AS oldest FROM outbox_event WHERE published_at IS NULL")
                .map((row, meta) -> {
                    backlog.set(row.get("n", Long.class));
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    oldestAgeSeconds.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds()));
                    return true;
                })
                .one().then();
        Mono<Void> dead = db.sql("SELECT count(*) AS n FROM dead_letter WHERE replayed_at IS NULL")
                .map((row, meta) -> row.get("n", Long.class))
                .one().doOnNext(deadLetters::set).then();
        return outbox.then(dead);
    }

    @Override
    protected Disposable subscribe() {
        return every(interval, this::refresh,
                e -> log.debug("messaging metrics refresh failed, keeping the last values: {}", e.toString()));
    }
}

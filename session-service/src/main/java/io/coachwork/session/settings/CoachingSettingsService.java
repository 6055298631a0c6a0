package io.coachwork.session.settings;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.coaching.CoachingSettingsUpdated;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Reads and changes the coaching settings. Every change is announced on
 * {@code coachwork.coaching.settings} in its own transaction (wallet-service prices hour purchases
 * with it), and the migration's defaults are announced once at the first startup.
 */
@Service
public class CoachingSettingsService {

    private static final Logger log = LoggerFactory.getLogger(CoachingSettingsService.class);
    static final String AGGREGATE = "settings";

    private final CoachingSettingsRepository settings;
    private final CoachingSettingsCache cache;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    public CoachingSettingsService(CoachingSettingsRepository settings, CoachingSettingsCache cache, OutboxWriter outbox,
                                   TransactionalOperator tx, Clock clock) {
        this.settings = settings;
        this.cache = cache;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<CoachingSettings> current() {
        return present(settings.find());
    }

    /** As {@link #current()}, from memory: for every session created; a change shows once announced. */
    public Mono<CoachingSettings> cached() {
        return present(cache.get());
    }

    private static Mono<CoachingSettings> present(Mono<CoachingSettings> read) {
        return read.switchIfEmpty(Mono.error(() -> new IllegalStateException("coaching_settings row is missing")));
    }

    public Mono<CoachingSettings> update(CoachingSettings.SettingsUpdate update) {
        if (update.isEmpty()) {
            return Mono.error(ApiException.badRequest("Provide at least one of price_per_hour, currency, "
                    + "default_duration_minutes, warning_threshold_minutes, auto_end_enabled"));
        }
        Mono<CoachingSettings> change = settings.lock()
                .map(current -> current.apply(update, clock.instant()))
                .onErrorMap(CoachingSettings.InvalidSettings.class,
                        e -> ApiException.invalidField(e.field(), e.getMessage()))
                .flatMap(settings::update)
                .flatMap(saved -> announce(saved).thenReturn(saved));
        // Emptied once committed, so this instance's next session has the change whatever the listener's delay.
        return tx.transactional(change).doOnSuccess(saved -> cache.invalidate());
    }

    /** Tells wallet-service the seeded defaults if nothing was ever announced; replicas race safely. */
    @EventListener(ApplicationReadyEvent.class)
    public void announceDefaultsOnce() {
        tx.transactional(settings.claimUnannounced().flatMap(this::announce))
                .retryWhen(Retry.backoff(10, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(null, e -> log.error("could not announce the coaching settings; the next startup will", e));
    }

    private Mono<Void> announce(CoachingSettings s) {
        return outbox.append(Topics.COACHING_SETTINGS, AGGREGATE, EventTypes.COACHING_SETTINGS_UPDATED,
                new CoachingSettingsUpdated(s.pricePerHourMinor(), s.currency(), s.defaultDurationMinutes(),
                        s.warningThresholdMinutes(), s.autoEndEnabled(), s.updatedAt())).then();
    }
}

package io.coachwork.session.settings;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The coaching settings in memory for the read every session creation makes (its default length): they
 * change a few times a year, and the read was one statement of each create (docs/performance.md). Emptied
 * when this instance changes them ({@link CoachingSettingsService}) and when any instance announces a
 * change ({@link SettingsUpdatesListener}). Admin reads and the time tracker read the database.
 */
@Component
public class CoachingSettingsCache {

    private final CoachingSettingsRepository settings;
    private final AtomicReference<CoachingSettings> cached = new AtomicReference<>();
    /** Bumped by every invalidation, so a read that started before one does not store what it read. */
    private final AtomicLong generation = new AtomicLong();

    public CoachingSettingsCache(CoachingSettingsRepository settings) {
        this.settings = settings;
    }

    /** The settings, from memory after the first read. */
    public Mono<CoachingSettings> get() {
        CoachingSettings known = cached.get();
        if (known != null) {
            return Mono.just(known);
        }
        return Mono.defer(() -> {
            long readAt = generation.get();
            return settings.find().doOnNext(read -> {
                if (generation.get() == readAt) {
                    cached.set(read);
                }
            });
        });
    }

    public void invalidate() {
        generation.incrementAndGet();
        cached.set(null);
    }
}

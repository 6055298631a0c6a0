package io.coachwork.session.settings;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings are read once and served from memory until emptied; a read that an emptying overtakes is not kept. */
class CoachingSettingsCacheTest {

    private static final Instant AT = Instant.parse("2034-01-15T10:30:00Z");

    /** The settings table as the cache reads it: whatever {@code stored} says, counting the reads. */
    private static final class Table extends CoachingSettingsRepository {
        final AtomicInteger reads = new AtomicInteger();
        volatile Supplier<Mono<CoachingSettings>> stored = () -> Mono.just(settings(60));

        Table() {
            super(null);
        }

        @Override
        public Mono<CoachingSettings> find() {
            return Mono.defer(() -> {
                reads.incrementAndGet();
                return stored.get();
            });
        }
    }

    private final Table table = new Table();
    private final CoachingSettingsCache cache = new CoachingSettingsCache(table);

    @Test
    void readOnceThenFromMemoryUntilEmptied() {
        assertThat(cache.get().block().defaultDurationMinutes()).isEqualTo(60);
        table.stored = () -> Mono.just(settings(45));
        assertThat(cache.get().block().defaultDurationMinutes()).isEqualTo(60);
        assertThat(table.reads).hasValue(1);

        cache.invalidate();
        assertThat(cache.get().block().defaultDurationMinutes()).isEqualTo(45);
        assertThat(cache.get().block().defaultDurationMinutes()).isEqualTo(45);
        assertThat(table.reads).hasValue(2);
    }

    @Test
    void aReadOvertakenByAnEmptyingIsNotKept() {
        // The read answers the old value after a change was announced (invalidated) while it ran.
        table.stored = () -> {
            cache.invalidate();
            return Mono.just(settings(60));
        };
        assertThat(cache.get().block().defaultDurationMinutes()).isEqualTo(60);

        table.stored = () -> Mono.just(settings(45));
        assertThat(cache.get().block().defaultDurationMinutes()).isEqualTo(45);
        assertThat(table.reads).hasValue(2);
    }

    private static CoachingSettings settings(int defaultDurationMinutes) {
        return new CoachingSettings(1000, "NGN", defaultDurationMinutes, 10, true, AT, AT);
    }
}

package io.coachwork.wallet.hours;

import io.coachwork.wallet.WalletProperties;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The price of a coaching hour, as the admin's coaching settings (owned by session-service) last
 * said; until the first settings event arrives, {@code coachwork.wallet.default-price-per-hour-minor}
 * in the wallet currency (seed 000's default: 10.0 NGN).
 */
@Component
public class CoachingPrice {

    /** Minor units of {@code currency} per hour. */
    public record Price(long perHourMinor, String currency) {
    }

    private final DatabaseClient db;
    private final Price fallback;

    public CoachingPrice(DatabaseClient db, WalletProperties properties) {
        this.db = db;
        this.fallback = new Price(properties.defaultPricePerHourMinor(), properties.currency());
    }

    public Mono<Price> current() {
        return db.sql("SELECT price_per_hour_minor, currency FROM coaching_price WHERE id = 1")
                .map((row, meta) -> new Price(row.get("price_per_hour_minor", Long.class), row.get("currency", String.class)))
                .one()
                .defaultIfEmpty(fallback);
    }

    /** Stores the price unless a newer settings change is already stored. */
    public Mono<Void> record(long perHourMinor, String currency, Instant settingsUpdatedAt) {
        return db.sql("""
                        INSERT INTO coaching_price (id, price_per_hour_minor, currency, settings_updated_at)
                        VALUES (1, :price, :currency, :at)
                        ON CONFLICT (id) DO UPDATE SET price_per_hour_minor = EXCLUDED.price_per_hour_minor,
                          currency = EXCLUDED.currency, settings_updated_at = EXCLUDED.settings_updated_at
                        WHERE coaching_price.settings_updated_at <= EXCLUDED.settings_updated_at""")
                .bind("price", perHourMinor).bind("currency", currency).bind("at", settingsUpdatedAt.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }
}

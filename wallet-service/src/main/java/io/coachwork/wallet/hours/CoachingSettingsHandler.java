package io.coachwork.wallet.hours;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.coaching.CoachingSettingsUpdated;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.time.Clock;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keeps the price per coaching hour in step with the admin's coaching settings. */
@Component
public class CoachingSettingsHandler implements EventHandler {

    private final CoachingPrice price;
    private final EventCodec codec;
    private final Clock clock;

    public CoachingSettingsHandler(CoachingPrice price, EventCodec codec, Clock clock) {
        this.price = price;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "coaching-settings";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.COACHING_SETTINGS);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        if (!EventTypes.COACHING_SETTINGS_UPDATED.equals(event.type())) {
            return Mono.empty();
        }
        CoachingSettingsUpdated settings = codec.data(event, CoachingSettingsUpdated.class);
        if (settings.pricePerHourMinor() < 0 || settings.currency() == null) {
            throw new IllegalArgumentException("coaching settings need a price of 0 or more and a currency");
        }
        String currency = Currency.getInstance(settings.currency().trim().toUpperCase(Locale.ROOT)).getCurrencyCode();
        return price.record(settings.pricePerHourMinor(), currency,
                settings.updatedAt() != null ? settings.updatedAt() : event.time() != null ? event.time() : clock.instant());
    }
}

package io.coachwork.session.settings;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EveryInstanceListener;
import io.coachwork.platform.messaging.KafkaClients;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Every instance hears every settings change, made by any instance, and empties its {@link CoachingSettingsCache}. */
@Component
@ConditionalOnProperty(name = "coachwork.kafka.consumers-enabled", matchIfMissing = true)
public class SettingsUpdatesListener extends EveryInstanceListener {

    public SettingsUpdatesListener(KafkaClients clients, EventCodec codec, CoachingSettingsCache cache) {
        super(clients, codec, "settings-cache", Topics.COACHING_SETTINGS, EventTypes.COACHING_SETTINGS_UPDATED,
                cache::invalidate);
    }
}

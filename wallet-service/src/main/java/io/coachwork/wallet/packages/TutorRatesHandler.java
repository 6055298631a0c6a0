package io.coachwork.wallet.packages;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.scheduling.TutorProfileEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keeps each approved tutor's hourly rate, which discount-priced packages are computed from. */
@Component
public class TutorRatesHandler implements EventHandler {

    private final PackageRepository packages;
    private final EventCodec codec;

    public TutorRatesHandler(PackageRepository packages, EventCodec codec) {
        this.packages = packages;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "package-tutor-rates";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SCHEDULING_PROFILES);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        if (!EventTypes.TUTOR_PROFILE_APPROVED.equals(event.type())) {
            return Mono.empty();
        }
        TutorProfileEvent profile = codec.data(event, TutorProfileEvent.class);
        if (profile.hourlyRateMinor() == null || profile.currency() == null || profile.decidedAt() == null) {
            return Mono.empty();
        }
        return packages.saveRate(profile.tutorId(), profile.hourlyRateMinor(),
                profile.currency().toUpperCase(Locale.ROOT), profile.decidedAt());
    }
}

package io.coachwork.scheduling.booking;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PackageEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keeps package_credit_view from wallet-service's {@code coachwork.payment.package.*} facts. */
@Component
public class PackageCreditsHandler implements EventHandler {

    private static final Set<String> TYPES = Set.of(EventTypes.PACKAGE_PURCHASED, EventTypes.PACKAGE_CREDIT_USED,
            EventTypes.PACKAGE_CREDIT_GIVEN_BACK, EventTypes.PACKAGE_EXPIRED, EventTypes.PACKAGE_REFUNDED);

    private final PackageCredits credits;
    private final EventCodec codec;

    public PackageCreditsHandler(PackageCredits credits, EventCodec codec) {
        this.credits = credits;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "package-credits";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PAYMENTS);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        if (!TYPES.contains(event.type())) {
            return Mono.empty();
        }
        PackageEvent e = codec.data(event, PackageEvent.class);
        if (e.purchaseId() == null || BookingService.uuid(e.purchaseId()) == null || e.occurredAt() == null) {
            return Mono.empty();
        }
        return credits.save(e);
    }
}

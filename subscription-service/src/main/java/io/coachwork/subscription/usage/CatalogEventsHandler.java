package io.coachwork.subscription.usage;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.catalog.CatalogResource;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.subscription.tier.ResourceKind;
import java.time.Clock;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keeps usage current from the catalogue's resource created/deleted events. */
@Component
public class CatalogEventsHandler implements EventHandler {

    private final UsageRepository usage;
    private final EventCodec codec;
    private final Clock clock;

    public CatalogEventsHandler(UsageRepository usage, EventCodec codec, Clock clock) {
        this.usage = usage;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "catalog-usage";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CATALOG_RESOURCES);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        boolean created = EventTypes.CATALOG_RESOURCE_CREATED.equals(event.type());
        if (!created && !EventTypes.CATALOG_RESOURCE_DELETED.equals(event.type())) {
            return Mono.empty();
        }
        CatalogResource resource = codec.data(event, CatalogResource.class);
        ResourceKind kind = ResourceKind.byCatalogType(resource.resourceType()).orElseThrow(() ->
                new IllegalArgumentException("unknown resource_type " + resource.resourceType()));
        return created
                ? usage.add(resource.tutorId(), kind, resource.resourceId(), event.time() == null ? clock.instant() : event.time())
                : usage.remove(resource.tutorId(), kind, resource.resourceId());
    }
}

package io.coachwork.session.rooms;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Meeting rooms in health details: which provider makes rooms, whether each provider (and Discord
 * linking) is configured or skipped for lack of credentials, and how many live rooms failed their
 * last step. Missing configuration is reported, never DOWN: sessions run without rooms.
 */
@Component("meetingRooms")
public class MeetingRoomsHealth implements ReactiveHealthIndicator {

    private final RoomsProperties properties;
    private final List<MeetingRoomProvider> providers;
    private final MeetingRoomRepository rooms;

    public MeetingRoomsHealth(RoomsProperties properties, List<MeetingRoomProvider> providers, MeetingRoomRepository rooms) {
        this.properties = properties;
        this.providers = providers;
        this.rooms = rooms;
    }

    @Override
    public Mono<Health> health() {
        Health.Builder health = Health.up();
        MeetingRoomProvider.Kind active = properties.activeProvider();
        health.withDetail("provider", active == null ? "none" : active.name().toLowerCase());
        for (MeetingRoomProvider p : providers) {
            String name = p.kind().name().toLowerCase();
            health.withDetail(name, p.configured() ? "configured"
                    : (p.kind() == active ? "skipped, " : "") + p.configurationHint());
        }
        health.withDetail("discord_linking", properties.discord().linkingConfigured() ? "configured"
                : "not configured: set coachwork.rooms.discord.client-id, client-secret and redirect-uri");
        return rooms.failing().map(n -> health.withDetail("rooms_failing", n).build());
    }
}

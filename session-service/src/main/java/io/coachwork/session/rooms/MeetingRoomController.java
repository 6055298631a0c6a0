package io.coachwork.session.rooms;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A teaching session's meeting room for its people (the tutor gets the host link, booked students
 * the join link; anyone else is told the session does not exist), and the job for external
 * schedulers with the cron secret.
 */
@RestController
public class MeetingRoomController {

    static final String NOT_FOUND = "Teaching session not found";

    private final MeetingRoomJob job;
    private final MeetingRoomRepository rooms;
    private final DiscordLinkRepository links;
    private final RoomsProperties properties;

    public MeetingRoomController(MeetingRoomJob job, MeetingRoomRepository rooms, DiscordLinkRepository links,
                                 RoomsProperties properties) {
        this.job = job;
        this.rooms = rooms;
        this.links = links;
        this.properties = properties;
    }

    /**
     * {@code state}: {@code preparing} (not made or, on Discord, not open yet; {@code available_from}
     * says when), {@code ready} (with {@code url}) or {@code closed}. {@code role} is {@code host}
     * for the tutor. On Discord, {@code discord_linked} tells whether the caller's account is linked:
     * without it the channel stays invisible to them.
     */
    public record RoomView(String sessionId, String provider, String state, String role, String url,
                           Instant availableFrom, Boolean discordLinked) {
    }

    @GetMapping("/api/teaching/sessions/{id}/room")
    public Mono<ApiResponse<RoomView>> room(@PathVariable String id, CurrentUser user) {
        UUID sessionId = parse(id);
        return rooms.access(sessionId, user.id())
                .filter(a -> a.tutorId() == user.id() || a.booked())
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_FOUND)))
                .flatMap(access -> {
                    boolean host = access.tutorId() == user.id();
                    MeetingRoomProvider.Kind active = properties.activeProvider();
                    return rooms.roomOf(sessionId, active)
                            .map(Optional::of).defaultIfEmpty(Optional.empty())
                            .flatMap(room -> {
                                MeetingRoomProvider.Kind kind = room.map(MeetingRoom::provider).orElse(active);
                                if (kind == null) {
                                    return Mono.error(ApiException.unavailable("Meeting rooms are not configured"));
                                }
                                MeetingRoomProvider provider = job.provider(kind);
                                Mono<Boolean> linked = kind == MeetingRoomProvider.Kind.DISCORD
                                        ? links.find(user.id()).hasElement() : Mono.just(true);
                                return linked.flatMap(isLinked -> view(sessionId, access, room.orElse(null), provider,
                                        host, kind == MeetingRoomProvider.Kind.DISCORD ? isLinked : null));
                            });
                })
                .map(ApiResponse::ok);
    }

    private Mono<RoomView> view(UUID sessionId, MeetingRoomRepository.Access access, MeetingRoom room,
                                MeetingRoomProvider provider, boolean host, Boolean discordLinked) {
        String kind = provider.kind().name().toLowerCase();
        String role = host ? "host" : "participant";
        boolean sessionClosed = MeetingRoom.Session.CANCELLED.equals(access.status())
                || MeetingRoom.Session.COMPLETED.equals(access.status()) || MeetingRoom.Session.NO_SHOW.equals(access.status());
        if ((room != null && room.state() == MeetingRoom.State.DELETED) || (room == null && sessionClosed)) {
            return Mono.just(new RoomView(sessionId.toString(), kind, "closed", role, null, null, discordLinked));
        }
        boolean ready = room != null && (room.state() == MeetingRoom.State.OPEN
                || (room.state() == MeetingRoom.State.CREATED && !provider.managesAccess()));
        if (!ready) {
            Instant from = access.startsAt().minus(provider.managesAccess() ? provider.openBefore() : provider.createBefore());
            return Mono.just(new RoomView(sessionId.toString(), kind, "preparing", role, null, from, discordLinked));
        }
        Mono<String> url = host ? provider.hostUrl(room.externalId(), room.startUrl()).defaultIfEmpty(room.joinUrl())
                : Mono.just(room.joinUrl());
        return url.map(u -> new RoomView(sessionId.toString(), kind, "ready", role, u, null, discordLinked));
    }

    @GetMapping("/api/cron/session/meeting-rooms")
    public Mono<ApiResponse<MeetingRoomJob.RoomsReport>> runFromCron() {
        return job.run().map(r -> ApiResponse.ok("Meeting rooms job completed", r));
    }

    static UUID parse(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalidField("id", "id must be a teaching session id (a UUID)");
    }
}

package io.coachwork.session.rooms;

import io.coachwork.platform.jobs.ScheduledRuns;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Prepares, opens, moves and removes meeting rooms (seeds 003, 004). For each configured provider
 * a pass adds the rooms that are due (only the chosen provider makes new rooms; the others finish
 * the rooms they have), then repeatedly leases a batch of rooms with a step due (one committed statement, skipping
 * rooms other replicas hold), calls the provider with no transaction open, and records each
 * outcome only while it still holds the lease. A failed call leaves the room as it was, counted,
 * for the next pass. Running it twice, or on several replicas at once, does each step once.
 */
@Component
public class MeetingRoomJob {

    private static final Logger log = LoggerFactory.getLogger(MeetingRoomJob.class);
    private static final int CONCURRENCY = 4;
    /** A room rarely needs more than create then open in one pass; the bound keeps a bad rule from looping. */
    private static final int MAX_STEPS = 4;

    private final RoomsProperties properties;
    private final Map<MeetingRoomProvider.Kind, MeetingRoomProvider> providers = new EnumMap<>(MeetingRoomProvider.Kind.class);
    private final MeetingRoomRepository rooms;
    private final Clock clock;

    public MeetingRoomJob(RoomsProperties properties, List<MeetingRoomProvider> providers, MeetingRoomRepository rooms,
                          Clock clock) {
        this.properties = properties;
        providers.forEach(p -> this.providers.put(p.kind(), p));
        this.rooms = rooms;
        this.clock = clock;
    }

    /** One pass: a report per provider. */
    public record RoomsReport(List<ProviderRoomsReport> providers) {
    }

    /**
     * {@code skipped} says why a provider did nothing (it lacks its credentials); {@code adds_rooms}
     * is true for the chosen provider, the only one that makes new rooms: the others only finish
     * the rooms they already have.
     */
    public record ProviderRoomsReport(String provider, boolean addsRooms, String skipped, int created, int updated,
                                      int opened, int deleted, int dropped, int failed) {

        ProviderRoomsReport plus(ProviderRoomsReport o) {
            return new ProviderRoomsReport(provider, addsRooms, skipped, created + o.created, updated + o.updated,
                    opened + o.opened, deleted + o.deleted, dropped + o.dropped, failed + o.failed);
        }
    }

    private record Batch(int size, ProviderRoomsReport report) {
    }

    @Scheduled(cron = "${coachwork.rooms.job-cron:0 * * * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "meeting rooms run", run(), r -> log.debug("meeting rooms: {}", r));
    }

    public MeetingRoomProvider provider(MeetingRoomProvider.Kind kind) {
        return providers.get(kind);
    }

    /** Every provider finishes its rooms; the chosen one also makes the rooms that are due. */
    public Mono<RoomsReport> run() {
        MeetingRoomProvider.Kind active = properties.activeProvider();
        return Flux.fromIterable(providers.keySet())
                .concatMap(kind -> run(kind, kind == active))
                .collectList()
                .map(RoomsReport::new);
    }

    Mono<ProviderRoomsReport> run(MeetingRoomProvider.Kind kind, boolean addsRooms) {
        MeetingRoomProvider provider = providers.get(kind);
        String name = kind.name().toLowerCase();
        if (!provider.configured()) {
            return Mono.just(new ProviderRoomsReport(name, addsRooms, provider.configurationHint(), 0, 0, 0, 0, 0, 0));
        }
        return Mono.defer(() -> {
            // Whole milliseconds, as PostgreSQL keeps microseconds: the lease ends exactly at the run's time.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            RoomPlan.Timing timing = RoomPlan.Timing.of(provider);
            MeetingRoomRepository.Window window = MeetingRoomRepository.Window.of(timing, now);
            ProviderRoomsReport empty = new ProviderRoomsReport(name, addsRooms, null, 0, 0, 0, 0, 0, 0);
            return (addsRooms ? rooms.addDue(kind, window).then() : Mono.<Void>empty())
                    .then(batch(provider, timing, window, empty)
                            .expand(b -> b.size() == properties.batchSize() ? batch(provider, timing, window, empty) : Mono.empty())
                            .map(Batch::report)
                            .reduce(empty, ProviderRoomsReport::plus));
        });
    }

    private Mono<Batch> batch(MeetingRoomProvider provider, RoomPlan.Timing timing, MeetingRoomRepository.Window window,
                              ProviderRoomsReport empty) {
        UUID owner = UUID.randomUUID();
        Instant now = window.now();
        return rooms.claim(provider.kind(), window, owner, now.plus(properties.lease()), properties.batchSize())
                .flatMap(n -> n == 0 ? Mono.just(List.<MeetingRoom>of()) : rooms.leased(provider.kind(), owner))
                .flatMap(leased -> Flux.fromIterable(leased)
                        .flatMap(room -> work(provider, timing, room, owner, now, empty), CONCURRENCY)
                        .reduce(empty, ProviderRoomsReport::plus)
                        .map(report -> new Batch(leased.size(), report)));
    }

    /** Runs the room's due steps one after another, then gives it back. */
    private Mono<ProviderRoomsReport> work(MeetingRoomProvider provider, RoomPlan.Timing timing, MeetingRoom room,
                                      UUID owner, Instant now, ProviderRoomsReport empty) {
        List<RoomPlan.Step> done = new ArrayList<>();
        return step(provider, timing, room, owner, now, done, 0)
                .then(Mono.defer(() -> rooms.release(room, owner, now, null)))
                .then(Mono.fromSupplier(() -> count(empty, done, 0)))
                .onErrorResume(e -> {
                    log.warn("meeting room of session {} on {}: {}", room.sessionId(), empty.provider(), e.getMessage());
                    return rooms.release(room, owner, now, error(e)).thenReturn(count(empty, done, 1));
                });
    }

    private Mono<Void> step(MeetingRoomProvider provider, RoomPlan.Timing timing, MeetingRoom room, UUID owner,
                            Instant now, List<RoomPlan.Step> done, int taken) {
        RoomPlan.Step next = RoomPlan.next(room, timing, now);
        if (next == RoomPlan.Step.NONE || taken == MAX_STEPS) {
            return Mono.empty();
        }
        return call(provider, room, next)
                .flatMap(after -> rooms.record(after, next, owner, now).flatMap(kept -> {
                    if (!kept) {
                        return Mono.error(new IllegalStateException("lease lost; another worker holds the room"));
                    }
                    done.add(next);
                    return step(provider, timing, after, owner, now, done, taken + 1).thenReturn(true);
                }))
                .then();
    }

    private static Mono<MeetingRoom> call(MeetingRoomProvider provider, MeetingRoom room, RoomPlan.Step step) {
        return switch (step) {
            case CREATE -> provider.create(room.roomSession()).map(room::created);
            case UPDATE -> provider.update(room.externalId(), room.roomSession()).then(Mono.fromSupplier(room::updated));
            case SYNC_ACCESS -> provider.syncAccess(room.externalId(),
                            room.desiredDiscordIds().stream().filter(id -> !room.grantedDiscordIds().contains(id)).toList(),
                            room.grantedDiscordIds().stream().filter(id -> !room.desiredDiscordIds().contains(id)).toList())
                    .then(Mono.fromSupplier(room::opened));
            case DELETE -> provider.delete(room.externalId()).then(Mono.fromSupplier(room::deleted));
            case DROP -> Mono.just(room.deleted());
            case NONE -> Mono.just(room);
        };
    }

    private static ProviderRoomsReport count(ProviderRoomsReport empty, List<RoomPlan.Step> done, int failed) {
        return new ProviderRoomsReport(empty.provider(), empty.addsRooms(), null, (int) done.stream().filter(s -> s == RoomPlan.Step.CREATE).count(),
                (int) done.stream().filter(s -> s == RoomPlan.Step.UPDATE).count(),
                (int) done.stream().filter(s -> s == RoomPlan.Step.SYNC_ACCESS).count(),
                (int) done.stream().filter(s -> s == RoomPlan.Step.DELETE).count(),
                (int) done.stream().filter(s -> s == RoomPlan.Step.DROP).count(), failed);
    }

    private static String error(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.length() <= 500 ? message : message.substring(0, 500);
    }
}

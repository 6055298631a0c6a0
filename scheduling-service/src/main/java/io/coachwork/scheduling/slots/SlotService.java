package io.coachwork.scheduling.slots;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.availability.domain.ExistingSlot;
import io.coachwork.scheduling.availability.domain.Slot;
import io.coachwork.scheduling.availability.domain.SlotRules;
import io.coachwork.scheduling.events.SchedulingEvents;
import io.coachwork.scheduling.profile.ProfileRepository;
import io.coachwork.scheduling.profile.TutorProfile;
import io.coachwork.scheduling.support.Violations;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seed 002's specific-date slots. Every write runs under a lock on the tutor's profile row, so two
 * requests of one tutor cannot both pass the overlap check; a batch is created whole or not at all.
 */
@Service
public class SlotService {

    public static final int MAX_PER_REQUEST = 100;
    static final String NOT_FOUND = "Slot not found";
    static final String NOT_OWNER = "You can only change your own slots";

    private final SlotRepository slots;
    private final ProfileRepository profiles;
    private final SchedulingEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public SlotService(SlotRepository slots, ProfileRepository profiles, SchedulingEvents events, TransactionalOperator tx,
                       Clock clock) {
        this.slots = slots;
        this.profiles = profiles;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<List<StoredSlot>> create(CurrentUser tutor, List<SlotRequest> requests) {
        if (requests.isEmpty() || requests.size() > MAX_PER_REQUEST) {
            return Mono.error(ApiException.invalidField("slots", "Send 1 to " + MAX_PER_REQUEST + " slots per request"));
        }
        Instant now = now();
        Mono<List<StoredSlot>> created = lockedProfile(tutor, now).flatMap(profile -> {
            List<Slot> parsed = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                String prefix = requests.size() == 1 ? "" : "Slot " + (i + 1) + ": ";
                try {
                    parsed.add(SlotRules.parse(requests.get(i).input(profile.timeZone())));
                } catch (RuntimeException e) {
                    return Mono.error(Violations.toApi(e, prefix));
                }
            }
            return slots.endingAfter(tutor.id(), now).map(StoredSlot::existing).collectList()
                    .flatMap(existing -> {
                        List<ExistingSlot> taken = new ArrayList<>(existing);
                        for (int i = 0; i < parsed.size(); i++) {
                            try {
                                SlotRules.checkNew(parsed.get(i), now, taken);
                            } catch (RuntimeException e) {
                                return Mono.error(Violations.toApi(e, parsed.size() == 1 ? "" : "Slot " + (i + 1) + ": "));
                            }
                            taken.add(new ExistingSlot("new #" + (i + 1), parsed.get(i)));
                        }
                        return Flux.fromIterable(parsed)
                                .concatMap(slot -> slots.insert(tutor.id(), slot, now)
                                        .flatMap(s -> events.slot(EventTypes.SLOT_CREATED, s.event(now)).thenReturn(s)))
                                .collectList();
                    });
        });
        return tx.transactional(created);
    }

    public Mono<StoredSlot> update(CurrentUser tutor, long id, SlotRequest change) {
        if (change == null || change.isEmpty()) {
            return Mono.error(ApiException.badRequest("Provide at least one slot field to change"));
        }
        Instant now = now();
        Mono<StoredSlot> updated = lockedProfile(tutor, now)
                .then(owned(tutor, id))
                .flatMap(current -> {
                    if (current.bookedCount() > 0) {
                        return Mono.error(ApiException.conflict("Slot " + id + " has bookings and cannot be changed"));
                    }
                    Slot next;
                    try {
                        next = SlotRules.parse(change.over(SlotRequest.of(current)).input(current.slot().zone().getId()));
                    } catch (RuntimeException e) {
                        return Mono.error(Violations.toApi(e));
                    }
                    return slots.endingAfter(tutor.id(), now).map(StoredSlot::existing).collectList()
                            .flatMap(others -> {
                                try {
                                    SlotRules.checkChange(current.existing(), next, now, others);
                                } catch (RuntimeException e) {
                                    return Mono.error(Violations.toApi(e));
                                }
                                return slots.update(id, next, now)
                                        .flatMap(s -> events.slot(EventTypes.SLOT_UPDATED, s.event(now)).thenReturn(s));
                            });
                });
        return tx.transactional(updated);
    }

    public Mono<StoredSlot> delete(CurrentUser tutor, long id) {
        Instant now = now();
        Mono<StoredSlot> deleted = lockedProfile(tutor, now)
                .then(owned(tutor, id))
                .flatMap(current -> {
                    try {
                        SlotRules.checkDelete(current.existing(), now, current.bookedCount());
                    } catch (RuntimeException e) {
                        return Mono.error(Violations.toApi(e));
                    }
                    return slots.delete(id)
                            .then(events.slot(EventTypes.SLOT_DELETED, current.event(now)))
                            .thenReturn(current);
                });
        return tx.transactional(deleted);
    }

    public Mono<SlotViews.SlotPage> mine(CurrentUser tutor, boolean includePast, String page, String limit) {
        PageQuery query = PageQuery.of(page, limit);
        Instant now = now();
        return slots.count(tutor.id(), !includePast, now)
                .flatMap(total -> slots.page(tutor.id(), !includePast, now, query.limit(), query.offset())
                        .map(SlotViews.SlotView::of).collectList()
                        .map(list -> new SlotViews.SlotPage(list, Pagination.of(total, query))));
    }

    private Mono<StoredSlot> owned(CurrentUser tutor, long id) {
        return slots.find(id)
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_FOUND)))
                .flatMap(s -> s.tutorId() == tutor.id() ? Mono.just(s) : Mono.error(ApiException.forbidden(NOT_OWNER)));
    }

    /** The tutor's profile (a draft on first use), locked for the rest of the transaction. */
    private Mono<TutorProfile> lockedProfile(CurrentUser tutor, Instant now) {
        return profiles.insertIfAbsent(TutorProfile.draft(tutor.id(), null, now)).then(profiles.lock(tutor.id()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

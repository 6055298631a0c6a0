package io.coachwork.scheduling.booking;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Violations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The waitlist of a full slot: a student joins while no seat is free, and when one frees the first
 * waiting student is given a hold ({@link Seats#offerNext}). Joining locks the slot, so it is ordered
 * with the seat counter's changes. Where a Discord link is required for booking, it is required for
 * joining too ({@link DiscordLinkRequirement}).
 */
@Service
public class WaitlistService {

    private final BookingRepository bookings;
    private final WaitlistRepository waitlist;
    private final DiscordLinkRequirement discordLink;
    private final TransactionalOperator tx;
    private final Clock clock;

    public WaitlistService(BookingRepository bookings, WaitlistRepository waitlist, DiscordLinkRequirement discordLink,
                           TransactionalOperator tx, Clock clock) {
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.discordLink = discordLink;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<BookingViews.WaitlistView> join(CurrentUser student, BigDecimal rawSlotId) {
        long slotId;
        try {
            slotId = BookingService.id("slot_id", rawSlotId);
        } catch (InvalidInput e) {
            return Mono.error(Violations.toApi(e));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Mono<BookingViews.WaitlistView> joined = bookings.lockSlot(slotId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Slot not found")))
                .flatMap(slot -> {
                    if (slot.tutorId() == student.id()) {
                        return Mono.error(ApiException.invalidField("slot_id", "You cannot wait for your own session"));
                    }
                    if (slot.cancelledAt() != null) {
                        return Mono.error(ApiException.conflict("This session was cancelled"));
                    }
                    if (!slot.startsAt().isAfter(now)) {
                        return Mono.error(ApiException.invalidField("slot_id", "This session is in the past"));
                    }
                    if (slot.bookedCount() < slot.maxParticipants()) {
                        return Mono.error(ApiException.conflict("This session has a free seat: book it instead"));
                    }
                    return bookings.hasLiveSeat(slotId, student.id())
                            .flatMap(seated -> seated ? Mono.error(ApiException.conflict(BookingService.ALREADY_SEATED))
                                    : waitlist.join(slotId, student.id(), zone(student), now)
                                    .switchIfEmpty(Mono.error(ApiException.conflict("You are already on this session's waitlist")))
                                    .flatMap(e -> waitlist.position(slotId, e.id())
                                            .map(p -> BookingViews.WaitlistView.of(e, p))));
                });
        // The offer made from the list books the seat, so the link is asked for when joining it.
        return discordLink.check(student.id(), DiscordLinkRequirement.WAITLIST).then(tx.transactional(joined));
    }

    public Mono<BookingViews.WaitlistView> leave(CurrentUser student, String rawSlotId) {
        long slotId;
        try {
            slotId = Long.parseLong(rawSlotId);
        } catch (NumberFormatException e) {
            return Mono.error(ApiException.notFound("You are not on this session's waitlist"));
        }
        return waitlist.leave(slotId, student.id(), clock.instant())
                .switchIfEmpty(Mono.error(ApiException.notFound("You are not on this session's waitlist")))
                .map(e -> BookingViews.WaitlistView.of(e, null));
    }

    public Mono<BookingViews.WaitlistPage> mine(CurrentUser student, String page, String limit) {
        PageQuery query = PageQuery.of(page, limit);
        return waitlist.countOfStudent(student.id())
                .flatMap(total -> waitlist.ofStudent(student.id(), query.limit(), query.offset())
                        .concatMap(e -> "WAITING".equals(e.status())
                                ? waitlist.position(e.slotId(), e.id()).map(p -> BookingViews.WaitlistView.of(e, p))
                                : Mono.just(BookingViews.WaitlistView.of(e, null)))
                        .collectList()
                        .map(list -> new BookingViews.WaitlistPage(list, Pagination.of(total, query))));
    }

    private static String zone(CurrentUser student) {
        String zone = student.timeZone();
        return zone != null && ZoneId.getAvailableZoneIds().contains(zone) ? zone : null;
    }
}

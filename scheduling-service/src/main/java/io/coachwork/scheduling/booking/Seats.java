package io.coachwork.scheduling.booking;

import io.coachwork.scheduling.availability.domain.Price;
import io.coachwork.scheduling.booking.domain.Booking;
import io.coachwork.scheduling.profile.ProfileRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Seats taken and given back, always inside the caller's transaction: a hold (the booking row, its
 * saga, its event) on a seat already taken in SQL, and a freed seat offered to the first student on
 * the slot's waitlist, who gets a hold of their own.
 */
@Component
public class Seats {

    private final BookingRepository bookings;
    private final WaitlistRepository waitlist;
    private final ProfileRepository profiles;
    private final BookingSaga saga;
    private final BookingEvents events;
    private final PackageCredits credits;
    private final Duration hold;

    public Seats(BookingRepository bookings, WaitlistRepository waitlist, ProfileRepository profiles, BookingSaga saga,
                 BookingEvents events, PackageCredits credits, @Value("${coachwork.bookings.hold:15m}") Duration hold) {
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.profiles = profiles;
        this.saga = saga;
        this.events = events;
        this.credits = credits;
        this.hold = hold;
    }

    /** What a hold is for: who, at which price, with which notes; {@code packagePurchaseId} pays it with a credit. */
    public record HoldRequest(long studentId, String studentTimezone, String subject, String notes, long priceMinor,
                              String currency, UUID packagePurchaseId) {
    }

    /** Records a hold on a seat of {@code slot} just taken by {@link BookingRepository#takeSeat}, and starts its saga. */
    public Mono<Booking> hold(BookingRepository.SlotRow slot, HoldRequest r, Instant now) {
        Booking held = Booking.held(UUID.randomUUID(), slot.id(), slot.teachingSessionId(), slot.tutorId(), r.studentId(),
                slot.sessionType(), slot.maxParticipants(), slot.startsAt(), slot.endsAt(), slot.timezone(),
                r.studentTimezone(), r.subject(), r.notes(), r.priceMinor(), r.currency(), holdEnd(slot, now), now);
        if (r.packagePurchaseId() != null) {
            Booking withCredit = held.payingWithPackage(now);
            return bookings.insert(withCredit)
                    .then(credits.link(withCredit.id(), r.packagePurchaseId()))
                    .then(saga.start(withCredit, r.packagePurchaseId()))
                    .flatMap(b -> events.held(b, now).thenReturn(b));
        }
        return bookings.insert(held)
                .then(saga.start(held, null))
                .flatMap(b -> events.held(b, now).thenReturn(b));
    }

    /** A hold never outlives the session's start. */
    private Instant holdEnd(BookingRepository.SlotRow slot, Instant now) {
        Instant end = now.plus(hold);
        return end.isAfter(slot.startsAt()) ? slot.startsAt() : end;
    }

    /** Gives the booking's seat back and offers it to the slot's waitlist. */
    public Mono<Void> release(Booking b, Instant now) {
        return bookings.freeSeat(b.slotId(), now)
                .flatMap(freed -> freed ? offerNext(b.slotId(), now) : Mono.empty());
    }

    /** The first waiting student gets a hold on a free seat (and the next one when theirs cannot be made). */
    public Mono<Void> offerNext(long slotId, Instant now) {
        return bookings.slot(slotId)
                .filter(slot -> slot.cancelledAt() == null && slot.startsAt().isAfter(now)
                        && slot.bookedCount() < slot.maxParticipants())
                .flatMap(slot -> waitlist.nextWaiting(slotId).flatMap(entry -> bookings.hasLiveSeat(slotId, entry.studentId())
                        .flatMap(seated -> seated
                                ? waitlist.mark(entry.id(), "LEFT", null, now).then(offerNext(slotId, now))
                                : offer(slot, entry, now))));
    }

    private Mono<Void> offer(BookingRepository.SlotRow slot, WaitlistRepository.Entry entry, Instant now) {
        int minutes = (int) Duration.between(slot.startsAt(), slot.endsAt()).toMinutes();
        return profiles.findSettings(slot.tutorId()).flatMap(p -> {
            OptionalLong price = Price.of(null, p.hourlyRateMinor(), minutes);
            if (price.isEmpty()) {
                return Mono.empty();
            }
            HoldRequest request = new HoldRequest(entry.studentId(), entry.studentTimezone(), null, null,
                    price.getAsLong(), p.currency(), null);
            return bookings.takeSeat(slot.id(), UUID.randomUUID(), now)
                    .flatMap(taken -> hold(taken, request, now))
                    .flatMap(b -> waitlist.mark(entry.id(), "OFFERED", b.id(), now).then(events.waitlistOffered(b, now)));
        });
    }
}

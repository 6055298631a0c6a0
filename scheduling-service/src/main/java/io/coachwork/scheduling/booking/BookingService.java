package io.coachwork.scheduling.booking;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.saga.SagaState;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.availability.ScheduleRepository;
import io.coachwork.scheduling.availability.domain.BookableTime;
import io.coachwork.scheduling.availability.domain.BookingRules;
import io.coachwork.scheduling.availability.domain.Price;
import io.coachwork.scheduling.availability.domain.SessionType;
import io.coachwork.scheduling.availability.domain.Slot;
import io.coachwork.scheduling.availability.domain.SlotGenerator;
import io.coachwork.scheduling.booking.domain.Booking;
import io.coachwork.scheduling.calendly.CalendlyRepository;
import io.coachwork.scheduling.booking.domain.CancelledBy;
import io.coachwork.scheduling.booking.domain.IllegalTransition;
import io.coachwork.scheduling.booking.domain.PaymentStatus;
import io.coachwork.scheduling.events.SchedulingEvents;
import io.coachwork.scheduling.profile.ProfileRepository;
import io.coachwork.scheduling.profile.TutorProfile;
import io.coachwork.scheduling.slots.StoredSlot;
import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Numbers;
import io.coachwork.scheduling.support.Text;
import io.coachwork.scheduling.support.Violations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Booking a seat (seed 002 §2), cancelling it (§3) and reading bookings. A hold is made in one
 * transaction (the seat taken in SQL, the booking, its saga's first command, its event); the answer
 * then waits, bounded, for wallet-service's PaymentIntent.
 */
@Service
public class BookingService {

    static final String SESSION_FULL = "Session full";
    static final String ALREADY_SEATED = "You already have a seat in this session";
    static final String NOT_BOOKABLE = "This time is no longer bookable";
    static final String NOT_FOUND = "Booking not found";
    static final String SESSION_NOT_FOUND = "Session not found";
    static final String STARTED = "The session has started and can no longer be cancelled";
    static final String CALENDLY_BUSY = "The tutor is busy at this time (booked on Calendly); pick another time";

    private final BookingRepository bookings;
    private final ProfileRepository profiles;
    private final ScheduleRepository schedules;
    private final Seats seats;
    private final BookingSaga saga;
    private final SessionCancelSaga sessionCancel;
    private final Cancellations cancellations;
    private final BookingEvents events;
    private final SchedulingEvents slotEvents;
    private final DiscordLinkRequirement discordLink;
    private final CalendlyRepository calendly;
    private final PackageCredits credits;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Duration answerWait;

    public BookingService(BookingRepository bookings, ProfileRepository profiles, ScheduleRepository schedules, Seats seats,
                          BookingSaga saga, SessionCancelSaga sessionCancel, Cancellations cancellations,
                          BookingEvents events, SchedulingEvents slotEvents, DiscordLinkRequirement discordLink,
                          CalendlyRepository calendly, PackageCredits credits, TransactionalOperator tx, Clock clock,
                          @Value("${coachwork.bookings.answer-wait:10s}") Duration answerWait) {
        this.bookings = bookings;
        this.profiles = profiles;
        this.schedules = schedules;
        this.seats = seats;
        this.saga = saga;
        this.sessionCancel = sessionCancel;
        this.cancellations = cancellations;
        this.events = events;
        this.slotEvents = slotEvents;
        this.discordLink = discordLink;
        this.calendly = calendly;
        this.credits = credits;
        this.tx = tx;
        this.clock = clock;
        this.answerWait = answerWait;
    }

    /** A booking as the HTTP answer gives it: 201 once the PaymentIntent exists, 202 while it is being made. */
    public record Booked(HttpStatus status, Booking booking) {
    }

    public Mono<Booked> book(CurrentUser student, BookRequest r) {
        Instant now = now();
        Mono<Booking> held = Mono.defer(() -> r.slotId() != null ? explicit(student, r, now) : generated(student, r, now))
                .onErrorMap(e -> Violations.toApi(e));
        return discordLink.check(student.id(), DiscordLinkRequirement.BOOKING)
                .then(tx.transactional(held))
                .onErrorMap(DataIntegrityViolationException.class, e -> ApiException.conflict(ALREADY_SEATED))
                .flatMap(b -> saga.await(b.sagaId(), answerWait).then(bookings.find(b.id())))
                .flatMap(b -> switch (b.status()) {
                    case REFUSED -> Mono.error(b.paymentStatus() == PaymentStatus.CREDIT_RETURNED
                            ? ApiException.invalidField("package_purchase_id", b.reason())
                            : ApiException.unavailable("The booking could not be paid: " + b.reason()));
                    case HELD -> Mono.just(new Booked(HttpStatus.ACCEPTED, b));
                    default -> Mono.just(new Booked(HttpStatus.CREATED, b));
                });
    }

    private Mono<Booking> explicit(CurrentUser student, BookRequest r, Instant now) {
        long slotId = id("slot_id", r.slotId());
        return bookings.slot(slotId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Slot not found")))
                .flatMap(slot -> profiles.find(slot.tutorId())
                        .switchIfEmpty(Mono.error(ApiException.conflict("This tutor is not accepting bookings")))
                        .flatMap(p -> seat(student, r, slot, p, now)));
    }

    /** A time from the tutor's schedule, made a ONE_TO_ONE slot of its own if it is still bookable. */
    private Mono<Booking> generated(CurrentUser student, BookRequest r, Instant now) {
        if (r.tutorId() == null) {
            throw new InvalidInput("slot_id", "Send slot_id, or tutor_id with starts_at and duration_minutes");
        }
        long tutorId = id("tutor_id", r.tutorId());
        Instant start = instant("starts_at", r.startsAt());
        int minutes = Numbers.whole("duration_minutes", r.durationMinutes(), 1, 24 * 60);
        if (tutorId == student.id()) {
            throw new InvalidInput("tutor_id", "You cannot book your own time");
        }
        // The tutor's profile lock orders this with their slot writes and other bookings of their time.
        return profiles.lock(tutorId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Tutor not found")))
                .flatMap(p -> {
                    requireBookable(p);
                    checkTime(p, start, now, "starts_at");
                    p.bookingRules().requireAllowedDuration(minutes);
                    Instant end = start.plus(Duration.ofMinutes(minutes));
                    Instant nearFrom = start.minus(Duration.ofDays(1));
                    Instant nearTo = end.plus(Duration.ofDays(1));
                    return requireFree(tutorId, start, end).then(schedules.defaultAvailability(tutorId, ZoneId.of(p.timeZone()), now))
                            .flatMap(a -> a.isEmpty() ? Mono.error(ApiException.conflict(NOT_BOOKABLE))
                                    // Calendly busy time blocks generated times as slots do (the buffers widen both).
                                    : bookings.tutorSlots(tutorId, nearFrom, nearTo)
                                    .concatWith(calendly.busy(tutorId, nearFrom, nearTo))
                                    .collectList()
                                    .flatMap(busy -> Mono.justOrEmpty(find(new SlotGenerator(a.get(), p.bookingRules(), busy),
                                            now, start, minutes))))
                            .switchIfEmpty(Mono.error(ApiException.conflict(NOT_BOOKABLE)))
                            .flatMap(time -> {
                                Slot slot = Slot.of(time, ZoneId.of(p.timeZone()), SessionType.ONE_TO_ONE, 1);
                                return bookings.insertGeneratedSlot(tutorId, slot, now)
                                        .flatMap(id -> slotEvents.slot(EventTypes.SLOT_CREATED,
                                                        new StoredSlot(id, tutorId, slot, 0, now, now).event(now))
                                                .then(bookings.slot(id)));
                            })
                            .flatMap(slot -> seat(student, r, slot, p, now));
                });
    }

    private static Optional<BookableTime> find(SlotGenerator generator, Instant now, Instant start, int minutes) {
        return generator.between(now, start, start.plus(Duration.ofMinutes(1)), minutes).stream()
                .filter(t -> t.start().equals(start))
                .findFirst();
    }

    /** Checks the rules, prices the booking and takes the seat in SQL; the hold then starts its saga. */
    private Mono<Booking> seat(CurrentUser student, BookRequest r, BookingRepository.SlotRow slot, TutorProfile p,
                               Instant now) {
        if (slot.tutorId() == student.id()) {
            throw new InvalidInput("slot_id", "You cannot book your own session");
        }
        requireBookable(p);
        if (slot.cancelledAt() != null) {
            throw ApiException.conflict("This session was cancelled");
        }
        checkTime(p, slot.startsAt(), now, "slot_id");
        String subject = subject(p, r.subject());
        String notes = Text.optional("notes", r.notes(), 2000);
        int minutes = (int) Duration.between(slot.startsAt(), slot.endsAt()).toMinutes();
        Long subjectRate = p.subjects().stream().filter(s -> s.subject().equals(subject)).findFirst()
                .map(TutorProfile.Subject::hourlyRateMinor).orElse(null);
        UUID purchase = purchaseId(r.packagePurchaseId());
        OptionalLong price = purchase != null ? OptionalLong.of(0) : Price.of(subjectRate, p.hourlyRateMinor(), minutes);
        if (price.isEmpty()) {
            throw ApiException.conflict("This tutor has not set an hourly rate");
        }
        Seats.HoldRequest hold = new Seats.HoldRequest(student.id(), studentZone(student), subject, notes,
                price.getAsLong(), p.currency(), purchase);
        // The read model refuses early and clearly; wallet-service decides when the saga asks (two bookings
        // racing for the last credit both pass here, and only one gets it).
        Mono<Void> early = purchase == null ? Mono.empty() : credits.view(purchase)
                .flatMap(v -> PackageCheck.refusal(v, student.id(), slot.tutorId(), minutes, slot.startsAt(), now)
                        .map(reason -> Mono.<Void>error(ApiException.invalidField("package_purchase_id", reason)))
                        .orElse(Mono.empty()));
        return early.then(requireFree(slot.tutorId(), slot.startsAt(), slot.endsAt()))
                .then(bookings.hasLiveSeat(slot.id(), student.id()))
                .flatMap(seated -> seated ? Mono.error(ApiException.conflict(ALREADY_SEATED))
                        : bookings.takeSeat(slot.id(), UUID.randomUUID(), now)
                        .switchIfEmpty(Mono.error(ApiException.conflict(SESSION_FULL)))
                        .flatMap(taken -> seats.hold(taken, hold, now)));
    }

    /** A 409 when the tutor's Calendly busy time overlaps [start, end): the same hour is not sold twice. */
    private Mono<Void> requireFree(long tutorId, Instant start, Instant end) {
        return calendly.busy(tutorId, start, end).hasElements()
                .flatMap(busy -> busy ? Mono.error(ApiException.conflict(CALENDLY_BUSY)) : Mono.empty());
    }

    private static void requireBookable(TutorProfile p) {
        if (!p.listed()) {
            throw ApiException.conflict("This tutor is not accepting bookings");
        }
    }

    /** Seed 002 §10: not in the past, not within the tutor's notice, not beyond four weeks. */
    private static void checkTime(TutorProfile p, Instant start, Instant now, String field) {
        if (!start.isAfter(now)) {
            throw new InvalidInput(field, "This session is in the past and cannot be booked");
        }
        if (start.isBefore(now.plus(Duration.ofMinutes(p.minimumNotice())))) {
            throw new InvalidInput(field, "This tutor must be booked at least " + p.minimumNotice() + " minutes ahead");
        }
        if (start.isAfter(now.plus(BookingRules.FOUR_WEEKS))) {
            throw new InvalidInput(field, "Sessions can be booked at most 4 weeks ahead");
        }
    }

    private static String subject(TutorProfile p, String requested) {
        String name = Text.optional("subject", requested, 80);
        if (name == null) {
            return null;
        }
        return p.subjects().stream().map(TutorProfile.Subject::subject).filter(s -> s.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new InvalidInput("subject", "This tutor teaches " + p.subjects().stream()
                        .map(TutorProfile.Subject::subject).toList() + ", not " + name));
    }

    private static String studentZone(CurrentUser student) {
        String zone = student.timeZone();
        return zone != null && ZoneId.getAvailableZoneIds().contains(zone) ? zone : null;
    }

    /**
     * PATCH /api/teaching/sessions/:id/cancel, {@code id} a teaching session id or a booking id: the
     * slot's tutor cancels the whole session, a student their own seat.
     */
    public Mono<Cancelled> cancel(CurrentUser caller, String rawId, String rawReason) {
        UUID id = uuid(rawId);
        if (id == null) {
            return Mono.error(ApiException.notFound(SESSION_NOT_FOUND));
        }
        String reason;
        try {
            reason = Text.optional("reason", rawReason, 500);
        } catch (InvalidInput e) {
            return Mono.error(Violations.toApi(e));
        }
        Instant now = now();
        return bookings.slotOfSession(id)
                .flatMap(slot -> slot.tutorId() == caller.id() ? tutorCancel(caller, slot, reason, now)
                        : bookings.liveOfStudent(id, caller.id())
                        .switchIfEmpty(Mono.error(ApiException.notFound("You have no booking in this session")))
                        .flatMap(b -> studentCancel(caller, b.id(), reason, now)))
                .switchIfEmpty(Mono.defer(() -> bookings.find(id)
                        .switchIfEmpty(Mono.error(ApiException.notFound(SESSION_NOT_FOUND)))
                        .flatMap(b -> b.studentId() == caller.id() ? studentCancel(caller, b.id(), reason, now)
                                : b.tutorId() == caller.id()
                                ? bookings.slot(b.slotId()).flatMap(slot -> tutorCancel(caller, slot, reason, now))
                                : Mono.error(ApiException.forbidden("This is not your booking")))));
    }

    /** A cancel's answer: the student's booking, or the tutor's session with every booking. */
    public record Cancelled(HttpStatus status, String message, Object data) {
    }

    private Mono<Cancelled> studentCancel(CurrentUser student, UUID bookingId, String reason, Instant now) {
        String why = reason == null ? "Cancelled by the student" : reason;
        Mono<Booking> cancelled = bookings.lock(bookingId).flatMap(b -> {
            if (!b.status().holdsSeat()) {
                return Mono.error(ApiException.conflict("This booking is already " + b.status().name().toLowerCase()));
            }
            if (!now.isBefore(b.startsAt())) {
                return Mono.error(ApiException.conflict(STARTED));
            }
            boolean paid = b.paymentStatus().paid();
            return profiles.findSettings(b.tutorId()).flatMap(p -> {
                long refund = paid ? p.refundPolicy().studentRefund(b.priceMinor(), b.startsAt(), now) : 0;
                return bookings.update(b.cancelled(CancelledBy.STUDENT, why, refund, now));
            }).flatMap(c -> events.cancelled(c, now)
                    .then(seats.release(c, now))
                    .then(paid ? saga.refund(c, c.refundMinor(), why, true) : saga.cancelPayment(c, why))
                    .thenReturn(c));
        });
        return tx.transactional(cancelled)
                .onErrorMap(IllegalTransition.class, e -> ApiException.conflict(e.getMessage()))
                .map(c -> new Cancelled(HttpStatus.OK, "Booking cancelled", BookingViews.BookingView.of(c, student.id())));
    }

    private Mono<Cancelled> tutorCancel(CurrentUser tutor, BookingRepository.SlotRow found, String reason, Instant now) {
        UUID sessionId = found.teachingSessionId();
        String why = reason == null ? "Cancelled by the tutor" : reason;
        Mono<Optional<UUID>> cancel = bookings.lockSession(sessionId)
                .flatMap(all -> bookings.lockSlot(found.id()).flatMap(slot -> {
                    if (slot.cancelledAt() != null) {
                        return Mono.error(ApiException.conflict("This session is already cancelled"));
                    }
                    if (!now.isBefore(slot.startsAt())) {
                        return Mono.error(ApiException.conflict(STARTED));
                    }
                    boolean participants = all.stream().anyMatch(b -> b.status().holdsSeat() && b.paymentStatus().paid());
                    Mono<Void> close = bookings.closeSlot(slot.id(), now);
                    // Without a paid booking session-service has no participant: nothing to ask it.
                    return participants
                            ? close.then(sessionCancel.start(new SessionCancelSaga.Data(sessionId, slot.id(),
                            tutor.id(), why))).map(Optional::of)
                            : close.then(cancellations.cancelAll(sessionId, slot.id(), CancelledBy.TUTOR, why, now))
                            .thenReturn(Optional.<UUID>empty());
                }));
        return tx.transactional(cancel)
                .flatMap(sagaId -> sagaId.isEmpty() ? Mono.just(SagaState.COMPLETED.value())
                        : sessionCancel.await(sagaId.get(), answerWait).flatMap(s -> s.state() == SagaState.FAILED
                        ? Mono.error(ApiException.conflict(s.failure())) : Mono.just(s.state().value())))
                .flatMap(state -> bookings.ofSession(sessionId).map(list -> {
                    boolean done = SagaState.COMPLETED.value().equals(state);
                    return new Cancelled(done ? HttpStatus.OK : HttpStatus.ACCEPTED,
                            done ? "Session cancelled" : "Session cancellation requested",
                            new BookingViews.SessionCancel(sessionId, done ? "CANCELLED" : "CANCELLING",
                                    list.stream().map(b -> BookingViews.BookingView.of(b, tutor.id())).toList()));
                }));
    }

    public Mono<BookingViews.BookingView> get(CurrentUser caller, String rawId) {
        UUID id = uuid(rawId);
        if (id == null) {
            return Mono.error(ApiException.notFound(NOT_FOUND));
        }
        return bookings.find(id)
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_FOUND)))
                .flatMap(b -> b.studentId() == caller.id() || b.tutorId() == caller.id() || caller.isAdmin()
                        ? Mono.just(BookingViews.BookingView.of(b, caller.id()))
                        : Mono.error(ApiException.forbidden("This is not your booking")));
    }

    /** The caller's bookings as a student ({@code student_id}) or as a tutor ({@code tutor_id}), latest session first. */
    public Mono<BookingViews.BookingPage> page(CurrentUser caller, boolean asTutor, String page, String limit) {
        PageQuery query = PageQuery.of(page, limit);
        String owner = asTutor ? "tutor_id" : "student_id";
        return bookings.count(owner, caller.id())
                .flatMap(total -> bookings.page(owner, caller.id(), query.limit(), query.offset())
                        .map(b -> BookingViews.BookingView.of(b, caller.id())).collectList()
                        .map(list -> new BookingViews.BookingPage(list, Pagination.of(total, query))));
    }

    static long id(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidInput(field, field + " is required");
        }
        if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new InvalidInput(field, field + " must be a positive whole number");
        }
        return value.longValueExact();
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(field, field + " is required (a UTC instant such as 2027-01-20T10:00:00Z)");
        }
        try {
            return Instant.parse(text.strip()).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, field + " must be a UTC instant such as 2027-01-20T10:00:00Z");
        }
    }

    private static UUID purchaseId(String raw) {
        if (raw == null) {
            return null;
        }
        UUID id = uuid(raw.strip());
        if (id == null) {
            throw new InvalidInput("package_purchase_id", "package_purchase_id must be a package purchase id");
        }
        return id;
    }

    static UUID uuid(String value) {
        try {
            return value == null || value.length() != 36 ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.coachwork.scheduling.statistics;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.booking.BookingEvent;
import io.coachwork.contracts.payment.TutorEarning;
import io.coachwork.contracts.scheduling.ReviewEvent;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.platform.money.Money;
import io.coachwork.scheduling.statistics.domain.StatementPeriod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the statistics facts from events: teaching sessions (scheduled, completed, cancelled, no-show),
 * bookings (confirmed, cancelled), tutor earnings and this service's own review events. Its own
 * consumer group; the inbox drops a redelivered event and each fact's key drops the same fact told
 * twice. An earning also marks its week and month as needing a statement.
 */
@Component
public class StatisticsEventsHandler implements EventHandler {

    private static final int MAX_ID = 64;

    private final FactRepository facts;
    private final TutorZones zones;
    private final EventCodec codec;
    private final Clock clock;

    public StatisticsEventsHandler(FactRepository facts, TutorZones zones, EventCodec codec, Clock clock) {
        this.facts = facts;
        this.zones = zones;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "scheduling-statistics";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TEACHING_SESSIONS, Topics.BOOKINGS, Topics.PAYMENTS, Topics.SCHEDULING_PROFILES);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        if (event.type() == null) {
            return Mono.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return switch (event.type()) {
            case EventTypes.TEACHING_SESSION_SCHEDULED -> session(Fact.SESSION_SCHEDULED, event, now);
            case EventTypes.TEACHING_SESSION_COMPLETED -> session(Fact.SESSION_COMPLETED, event, now);
            case EventTypes.TEACHING_SESSION_CANCELLED -> session(Fact.SESSION_CANCELLED, event, now);
            case EventTypes.TEACHING_SESSION_NO_SHOW -> session(Fact.SESSION_NO_SHOW, event, now);
            case EventTypes.BOOKING_CONFIRMED -> booking(Fact.BOOKING_CONFIRMED, event, now);
            case EventTypes.BOOKING_CANCELLED -> booking(Fact.BOOKING_CANCELLED, event, now);
            case EventTypes.TUTOR_EARNING -> earning(event, now);
            case EventTypes.REVIEW_PUBLISHED, EventTypes.REVIEW_HIDDEN, EventTypes.REVIEW_UNHIDDEN -> review(event, now);
            default -> Mono.empty();
        };
    }

    private Mono<Void> session(String kind, CloudEvent event, Instant now) {
        TeachingSessionEvent s = codec.data(event, TeachingSessionEvent.class);
        if (!id(s.sessionId()) || s.tutorId() <= 0 || s.startsAt() == null) {
            return Mono.empty();
        }
        Integer minutes = kind.equals(Fact.SESSION_COMPLETED) && s.endsAt() != null && s.endsAt().isAfter(s.startsAt())
                ? (int) Math.min(Integer.MAX_VALUE, Duration.between(s.startsAt(), s.endsAt()).toMinutes()) : null;
        Mono<Boolean> added = facts.add(Fact.session(kind, s.sessionId(), s.tutorId(), s.startsAt(), minutes), now);
        if (!kind.equals(Fact.SESSION_COMPLETED) || s.participants() == null) {
            return added.then();
        }
        // The students taught: those still booked when the session completed.
        return added.thenMany(Flux.fromIterable(s.participants())
                        .filter(p -> "BOOKED".equals(p.status()) && p.studentId() > 0)
                        .concatMap(p -> facts.add(Fact.taught(s.sessionId(), s.tutorId(), p.studentId(), s.startsAt()), now)))
                .then();
    }

    private Mono<Void> booking(String kind, CloudEvent event, Instant now) {
        BookingEvent b = codec.data(event, BookingEvent.class);
        if (!id(b.bookingId()) || b.tutorId() <= 0 || b.startsAt() == null) {
            return Mono.empty();
        }
        boolean priced = kind.equals(Fact.BOOKING_CONFIRMED) && b.priceMinor() >= 0 && currency(b.currency());
        return facts.add(Fact.booking(kind, b.bookingId(), id(b.teachingSessionId()) ? b.teachingSessionId() : null,
                b.tutorId(), b.studentId(), b.startsAt(), priced ? b.priceMinor() : null, priced ? b.currency() : null),
                now).then();
    }

    private Mono<Void> earning(CloudEvent event, Instant now) {
        TutorEarning e = codec.data(event, TutorEarning.class);
        if (!id(e.bookingId()) || e.tutorId() <= 0 || !currency(e.currency()) || e.grossMinor() < 0
                || e.commissionMinor() < 0 || e.netMinor() < 0) {
            return Mono.empty();
        }
        Instant released = e.occurredAt() != null ? e.occurredAt() : now;
        Fact fact = Fact.earning(e.bookingId(), id(e.teachingSessionId()) ? e.teachingSessionId() : null, e.tutorId(),
                e.studentId(), released, e.grossMinor(), e.commissionMinor(), e.netMinor(), e.currency());
        return facts.add(fact, now).flatMap(added -> added ? markDue(e.tutorId(), released) : Mono.empty());
    }

    /** The week and the month holding the release, in the tutor's zone, need a (new) statement once closed. */
    private Mono<Void> markDue(long tutorId, Instant released) {
        return zones.of(tutorId).flatMap(zone -> {
            LocalDate day = released.atZone(zone).toLocalDate();
            return Flux.just(StatementPeriod.Kind.WEEKLY, StatementPeriod.Kind.MONTHLY)
                    .map(kind -> StatementPeriod.containing(kind, day))
                    .concatMap(p -> facts.markDue(tutorId, p, p.endInstant(zone)))
                    .then();
        });
    }

    private Mono<Void> review(CloudEvent event, Instant now) {
        ReviewEvent r = codec.data(event, ReviewEvent.class);
        if (r.reviewId() <= 0 || r.tutorId() <= 0 || r.rating() < 1 || r.rating() > 5) {
            return Mono.empty();
        }
        Instant at = r.occurredAt() != null ? r.occurredAt() : now;
        String session = id(r.sessionId()) ? r.sessionId() : null;
        return facts.upsertReview(Fact.review(r.reviewId(), session, r.tutorId(), r.studentId(), at, r.rating(),
                r.hidden()), now).then();
    }

    private static boolean id(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_ID && value.indexOf('\0') < 0;
    }

    private static boolean currency(String code) {
        try {
            Money.fractionDigits(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

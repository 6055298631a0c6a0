package io.coachwork.scheduling.booking;

import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.scheduling.booking.domain.Booking;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends unpaid holds past their expiry: EXPIRED, the seat freed (and offered to the waitlist), the
 * PaymentIntent cancelled. Batches are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas never
 * expire one hold twice; a payment that still succeeds later is refunded ({@link BookingPayments}).
 */
@Component
public class HoldExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiryJob.class);
    static final int BATCH = 100;
    static final String HOLD_EXPIRED = "Your hold on this session expired before it was paid";

    private final BookingRepository bookings;
    private final BookingSaga saga;
    private final BookingEvents events;
    private final Seats seats;
    private final TransactionalOperator tx;
    private final Clock clock;

    public HoldExpiryJob(BookingRepository bookings, BookingSaga saga, BookingEvents events, Seats seats,
                         TransactionalOperator tx, Clock clock) {
        this.bookings = bookings;
        this.saga = saga;
        this.events = events;
        this.seats = seats;
        this.tx = tx;
        this.clock = clock;
    }

    public record Report(int holdsExpired) {
    }

    @Scheduled(cron = "${coachwork.bookings.hold-expiry-cron:*/15 * * * * *}")
    public Mono<Void> scheduled() {
        return ScheduledRuns.logged(log, "booking hold expiry", run(), r -> {
            if (r.holdsExpired() > 0) {
                log.info("booking hold expiry: {} holds expired", r.holdsExpired());
            }
        });
    }

    public Mono<Report> run() {
        Instant now = clock.instant();
        return batch(now)
                .expand(n -> n == BATCH ? batch(now) : Mono.empty())
                .reduce(0, Integer::sum)
                .map(Report::new);
    }

    /** One batch in one transaction: claim (rows collected first), then expire each in turn. */
    private Mono<Integer> batch(Instant now) {
        return tx.transactional(bookings.claimExpiredHolds(now, BATCH)
                .flatMap(claimed -> Flux.fromIterable(claimed).concatMap(b -> expire(b, now)).then(Mono.just(claimed.size()))));
    }

    private Mono<Void> expire(Booking b, Instant now) {
        return bookings.update(b.expired(HOLD_EXPIRED, now))
                .flatMap(e -> events.expired(e, now)
                        .then(seats.release(e, now))
                        .then(saga.cancelPayment(e, HOLD_EXPIRED)));
    }
}

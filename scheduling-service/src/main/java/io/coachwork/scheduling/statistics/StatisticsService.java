package io.coachwork.scheduling.statistics;

import io.coachwork.platform.money.Money;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.scheduling.statistics.domain.DateRange;
import io.coachwork.scheduling.statistics.domain.Ratio;
import io.coachwork.scheduling.support.Violations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Date-range statistics over the facts (docs/statistics.md defines each number). A tutor's days are
 * cut in their profile's zone, the platform's in UTC. Queries run one after another: one connection
 * runs one query at a time.
 */
@Service
public class StatisticsService {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final FactRepository facts;
    private final TutorZones zones;
    private final Clock clock;

    public StatisticsService(FactRepository facts, TutorZones zones, Clock clock) {
        this.facts = facts;
        this.zones = zones;
        this.clock = clock;
    }

    /** The caller's own statistics, or (admins) the tutor {@code tutor_id} names. */
    public Mono<StatisticsViews.TutorStatistics> forTutor(CurrentUser user, String tutorParam, String from, String to) {
        return Mono.defer(() -> {
            long tutorId = StatisticsAccess.tutorOf(user, tutorParam);
            return zones.of(tutorId).flatMap(zone -> tutor(tutorId, range(from, to, zone)));
        }).onErrorMap(Violations::toApi);
    }

    public Mono<StatisticsViews.PlatformStatistics> platform(String from, String to) {
        return Mono.defer(() -> platform(range(from, to, UTC))).onErrorMap(Violations::toApi);
    }

    private DateRange range(String from, String to, ZoneId zone) {
        return DateRange.parse(from, to, LocalDate.now(clock.withZone(zone)), zone);
    }

    private Mono<StatisticsViews.TutorStatistics> tutor(long tutorId, DateRange r) {
        Instant from = r.start();
        Instant to = r.end();
        return facts.sessions(tutorId, from, to).flatMap(s ->
                facts.bookings(tutorId, from, to).flatMap(b ->
                facts.reviews(tutorId, from, to).flatMap(v ->
                facts.earnings(tutorId, from, to).map(e -> tutorView(tutorId, r, s, b, v, e)))));
    }

    private Mono<StatisticsViews.PlatformStatistics> platform(DateRange r) {
        Instant from = r.start();
        Instant to = r.end();
        DateRange before = r.previous();
        return facts.sessions(null, from, to).flatMap(s ->
                facts.bookings(null, from, to).flatMap(b ->
                facts.prices(from, to).flatMap(p ->
                facts.earnings(null, from, to).flatMap(e ->
                facts.coaches(before.start(), from, to).flatMap(c ->
                facts.reviews(null, from, to).map(v -> platformView(r, before, s, b, p, e, c, v)))))));
    }

    static StatisticsViews.TutorStatistics tutorView(long tutorId, DateRange r, FactRepository.SessionCounts s,
                                                     FactRepository.BookingCounts b, FactRepository.ReviewCounts v,
                                                     List<FactRepository.EarningSum> e) {
        return new StatisticsViews.TutorStatistics(tutorId, r.from(), r.to(), r.zone().getId(), s.total(), s.completed(),
                s.cancelled(), s.noShow(), completionRate(s), Ratio.average(s.completedMinutes(), s.completed()),
                s.uniqueStudents(), b.confirmed(), b.cancelled(), Ratio.percent(b.cancelled(), b.confirmed()),
                Ratio.average(v.ratingTotal(), v.reviews()), v.reviews(), Ratio.percent(v.positive(), v.reviews()),
                e.stream().map(StatisticsViews.Earnings::of).toList());
    }

    static StatisticsViews.PlatformStatistics platformView(DateRange r, DateRange before, FactRepository.SessionCounts s,
                                                           FactRepository.BookingCounts b,
                                                           List<FactRepository.PriceSum> p,
                                                           List<FactRepository.EarningSum> e, FactRepository.Coaches c,
                                                           FactRepository.ReviewCounts v) {
        List<StatisticsViews.AveragePrice> prices = p.stream().map(x -> new StatisticsViews.AveragePrice(x.currency(),
                x.bookings(), Money.of(Ratio.averageMinor(x.totalMinor(), x.bookings()), x.currency()).compact())).toList();
        return new StatisticsViews.PlatformStatistics(r.from(), r.to(), r.zone().getId(), c.active(), s.total(),
                s.completed(), s.cancelled(), completionRate(s), b.confirmed(), b.cancelled(),
                Ratio.percent(b.cancelled(), b.confirmed()), prices, e.stream().map(StatisticsViews.Revenue::of).toList(),
                new StatisticsViews.Retention(before.from(), before.to(), c.activeBefore(), c.retained(),
                        Ratio.percent(c.retained(), c.activeBefore())),
                new StatisticsViews.Satisfaction(v.reviews(), Ratio.average(v.ratingTotal(), v.reviews()),
                        Ratio.percent(v.positive(), v.reviews())));
    }

    /** Completed among the sessions in range that were not cancelled (no-shows count against it). */
    private static BigDecimal completionRate(FactRepository.SessionCounts s) {
        return Ratio.percent(s.completed(), s.total() - s.cancelled());
    }
}

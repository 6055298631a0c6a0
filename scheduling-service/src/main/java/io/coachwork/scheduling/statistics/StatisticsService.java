package io.coachwork.scheduling.statistics;

import io.coachwork.platform.money.Money;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.scheduling.statistics.domain.DateRange;
import io.coachwork.scheduling.statistics.domain.Ratio;
import io.coachwork.scheduling.support.Violations;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Date-range statistics over the facts (docs/statistics.md defines each number). A tutor's days are
 * cut in their profile's zone, the platform's in UTC. Queries run one after another: one connection
 * runs one query at a time.
 */
@Service
public class StatisticsService {

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
        return Mono.defer(() -> platform(range(from, to, ZoneOffset.UTC))).onErrorMap(Violations::toApi);
    }

    private DateRange range(String from, String to, ZoneId zone) {
        return DateRange.parse(from, to, LocalDate.now(clock.withZone(zone)), zone);
    }

    private Mono<StatisticsViews.TutorStatistics> tutor(long tutorId, DateRange r) {
        return facts.sessions(tutorId, r.start(), r.end()).flatMap(s -> facts.bookings(tutorId, r.start(), r.end())
                .flatMap(b -> facts.reviews(tutorId, r.start(), r.end())
                        .flatMap(v -> facts.earnings(tutorId, r.start(), r.end())
                                .map(e -> new StatisticsViews.TutorStatistics(tutorId, r.from(), r.to(), r.zone().getId(),
                                        s.total(), s.completed(), s.cancelled(), s.noShow(),
                                        Ratio.percent(s.completed(), s.total() - s.cancelled()),
                                        Ratio.average(s.completedMinutes(), s.completed()), s.uniqueStudents(),
                                        b.confirmed(), b.cancelled(), Ratio.percent(b.cancelled(), b.confirmed()),
                                        Ratio.average(v.ratingTotal(), v.reviews()), v.reviews(),
                                        Ratio.percent(v.positive(), v.reviews()),
                                        e.stream().map(StatisticsViews.Earnings::of).toList()))))));
    }

    private Mono<StatisticsViews.PlatformStatistics> platform(DateRange r) {
        DateRange before = r.previous();
        return facts.sessions(null, r.start(), r.end()).flatMap(s -> facts.bookings(null, r.start(), r.end())
                .flatMap(b -> facts.prices(r.start(), r.end())
                        .flatMap(p -> facts.earnings(null, r.start(), r.end())
                                .flatMap(e -> facts.coaches(before.start(), r.start(), r.end())
                                        .flatMap(c -> facts.reviews(null, r.start(), r.end())
                                                .map(v -> new StatisticsViews.PlatformStatistics(r.from(), r.to(),
                                                        r.zone().getId(), c.active(), s.total(), s.completed(),
                                                        s.cancelled(), Ratio.percent(s.completed(), s.total() - s.cancelled()),
                                                        b.confirmed(), b.cancelled(),
                                                        Ratio.percent(b.cancelled(), b.confirmed()),
                                                        p.stream().map(x -> new StatisticsViews.AveragePrice(x.currency(),
                                                                x.bookings(), Money.of(Ratio.averageMinor(x.totalMinor(),
                                                                        x.bookings()), x.currency()).compact())).toList(),
                                                        e.stream().map(StatisticsViews.Revenue::of).toList(),
                                                        new StatisticsViews.Retention(before.from(), before.to(),
                                                                c.activeBefore(), c.retained(),
                                                                Ratio.percent(c.retained(), c.activeBefore())),
                                                        new StatisticsViews.Satisfaction(v.reviews(),
                                                                Ratio.average(v.ratingTotal(), v.reviews()),
                                                                Ratio.percent(v.positive(), v.reviews())))))))));
    }
}

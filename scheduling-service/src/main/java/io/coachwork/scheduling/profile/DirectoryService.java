package io.coachwork.scheduling.profile;

import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.availability.ScheduleRepository;
import io.coachwork.scheduling.availability.domain.BookableTime;
import io.coachwork.scheduling.availability.domain.BookingRules;
import io.coachwork.scheduling.availability.domain.Busy;
import io.coachwork.scheduling.availability.domain.Holiday;
import io.coachwork.scheduling.availability.domain.SlotGenerator;
import io.coachwork.scheduling.calendly.CalendlyRepository;
import io.coachwork.scheduling.slots.SlotRepository;
import io.coachwork.scheduling.slots.StoredSlot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The directory's answer. A tutor's soonest free time is the earlier of their first open explicit
 * slot (found in SQL) and the first time their weekly schedule offers at their default duration
 * (the generator). Filtering or sorting on it needs every candidate's value, so those queries rank
 * the first {@link #MAX_RANKED} matches in memory; other queries page in SQL and compute it per page.
 */
@Service
public class DirectoryService {

    static final int MAX_RANKED = 1000;

    private final DirectoryRepository directory;
    private final ProfileRepository profiles;
    private final ScheduleRepository schedules;
    private final SlotRepository slots;
    private final CalendlyRepository calendly;

    public DirectoryService(DirectoryRepository directory, ProfileRepository profiles, ScheduleRepository schedules,
                            SlotRepository slots, CalendlyRepository calendly) {
        this.directory = directory;
        this.profiles = profiles;
        this.schedules = schedules;
        this.slots = slots;
        this.calendly = calendly;
    }

    public record TutorPage(List<ProfileViews.Public> tutors, Pagination pagination) {
    }

    public Mono<TutorPage> search(DirectoryQuery q, Instant now) {
        Instant horizon = now.plus(BookingRules.FOUR_WEEKS);
        boolean ranked = q.sort() == DirectoryQuery.Sort.SOONEST || q.availableWithinDays() != null;
        if (!ranked) {
            return directory.search(q, now, horizon)
                    .flatMap(found -> withNextFree(found.tutors(), now, horizon)
                            .flatMap(this::views)
                            .map(views -> new TutorPage(views, Pagination.of(found.total(), q.page()))));
        }
        DirectoryQuery all = new DirectoryQuery(q.subject(), q.minPrice(), q.maxPrice(), q.experienceLevel(),
                q.minRating(), null, DirectoryQuery.Sort.RATING, new PageQuery(1, MAX_RANKED));
        Instant within = q.availableWithinDays() == null ? null : now.plus(Duration.ofDays(q.availableWithinDays()));
        return directory.search(all, now, horizon)
                .flatMap(found -> withNextFree(found.tutors(), now, horizon))
                .flatMap(listed -> {
                    // Candidates come in rating order; "soonest" re-sorts them, a plain time filter keeps that order.
                    List<DirectoryRepository.Listed> kept = listed.stream()
                            .filter(l -> within == null || (l.nextAvailableAt() != null && !l.nextAvailableAt().isAfter(within)))
                            .sorted(q.sort() == DirectoryQuery.Sort.SOONEST ? Comparator.comparing(
                                    DirectoryRepository.Listed::nextAvailableAt, Comparator.nullsLast(Comparator.naturalOrder()))
                                    .thenComparing(l -> l.profile().tutorId()) : (a, b) -> 0)
                            .toList();
                    List<DirectoryRepository.Listed> page = kept.stream().skip(q.page().offset()).limit(q.page().limit()).toList();
                    return views(page).map(views -> new TutorPage(views, Pagination.of(kept.size(), q.page())));
                });
    }

    /** Each tutor with the earlier of their explicit next slot and their first generated time. */
    private Mono<List<DirectoryRepository.Listed>> withNextFree(List<DirectoryRepository.Listed> listed, Instant now,
                                                               Instant horizon) {
        if (listed.isEmpty()) {
            return Mono.just(listed);
        }
        List<Long> ids = listed.stream().map(l -> l.profile().tutorId()).toList();
        return schedules.defaultsOf(ids).flatMap(defaults -> {
            List<Long> scheduled = ids.stream().filter(defaults::containsKey).toList();
            if (scheduled.isEmpty()) {
                return Mono.just(listed);
            }
            Mono<Map<Long, List<Holiday>>> holidays = schedules.holidaysOf(scheduled,
                    LocalDate.ofInstant(now, ZoneId.of("UTC")).minusDays(2));
            Mono<Map<Long, List<StoredSlot>>> taken = slots.betweenForTutors(scheduled, now.minus(Duration.ofDays(1)),
                            horizon.plus(Duration.ofDays(1)))
                    .collect(Collectors.groupingBy(StoredSlot::tutorId));
            Mono<Map<Long, List<Busy>>> external = calendly.busyOf(scheduled, now.minus(Duration.ofDays(1)),
                            horizon.plus(Duration.ofDays(1)))
                    .collect(Collectors.groupingBy(CalendlyRepository.TutorBusy::tutorId,
                            Collectors.mapping(CalendlyRepository.TutorBusy::busy, Collectors.toList())));
            return Mono.zip(holidays, taken, external).map(loaded -> listed.stream().map(l -> {
                Map<Long, List<Holiday>> hs = loaded.getT1();
                ScheduleRepository.StoredSchedule schedule = defaults.get(l.profile().tutorId());
                if (schedule == null) {
                    return l;
                }
                TutorProfile p = l.profile();
                // Generated times avoid the tutor's slots and their Calendly busy time alike.
                List<Busy> busy = Stream.concat(loaded.getT2().getOrDefault(p.tutorId(), List.<StoredSlot>of()).stream()
                                .map(s -> new Busy(s.slot().startsAt(), s.slot().endsAt())),
                        loaded.getT3().getOrDefault(p.tutorId(), List.of()).stream()).toList();
                Instant generated = new SlotGenerator(ScheduleRepository.availability(schedule,
                        hs.getOrDefault(p.tutorId(), List.of()), ZoneId.of(p.timeZone())), p.bookingRules(), busy)
                        .firstAvailable(now, p.defaultDuration()).map(BookableTime::start).orElse(null);
                return new DirectoryRepository.Listed(p, earlier(l.nextAvailableAt(), generated));
            }).toList());
        });
    }

    private Mono<List<ProfileViews.Public>> views(List<DirectoryRepository.Listed> listed) {
        return profiles.subjects(listed.stream().map(l -> l.profile().tutorId()).toList())
                .map(subjects -> listed.stream().map(l -> ProfileViews.Public.of(ProfileRepository.with(l.profile(),
                        subjects.getOrDefault(l.profile().tutorId(), List.of())), l.nextAvailableAt())).toList());
    }

    /** The directory entry of one listed tutor, with their soonest free time. */
    public Mono<ProfileViews.Public> one(TutorProfile p, Instant now) {
        Instant horizon = now.plus(BookingRules.FOUR_WEEKS);
        return directory.nextExplicit(p.tutorId(), now, horizon)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(next -> withNextFree(List.of(new DirectoryRepository.Listed(p, next.orElse(null))), now, horizon))
                .map(list -> ProfileViews.Public.of(p, list.get(0).nextAvailableAt()));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}

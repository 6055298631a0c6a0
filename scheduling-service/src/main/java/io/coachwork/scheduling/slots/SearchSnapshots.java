package io.coachwork.scheduling.slots;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.coachwork.scheduling.availability.ScheduleRepository;
import io.coachwork.scheduling.availability.domain.Availability;
import io.coachwork.scheduling.availability.domain.BookableTime;
import io.coachwork.scheduling.availability.domain.BookingRules;
import io.coachwork.scheduling.availability.domain.Busy;
import io.coachwork.scheduling.availability.domain.SlotGenerator;
import io.coachwork.scheduling.calendly.CalendlyRepository;
import io.coachwork.scheduling.profile.ProfileRepository;
import io.coachwork.scheduling.profile.TutorProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What slot search reads of one tutor (settings, slots, default schedule with holidays, Calendly busy time),
 * kept in memory per tutor. Loading it took six queries and decoding a few hundred rows, most of a four-week
 * search's cost; a search now reads one row, the tutor's {@code availability_version}, which database triggers
 * change on every write to any of those tables (V70), whichever replica or job made it. A snapshot is used only
 * while that version is unchanged and its time range still covers the search, so the answer is the same as
 * reading everything afresh. Booking and the iCal feed do not use it: they read the database directly.
 */
@Component
public class SearchSnapshots {

    /** A search reaches a day before its window and a day after it for busy time (SlotSearch). */
    private static final Duration BEFORE = Duration.ofDays(1);
    private static final Duration AFTER = BookingRules.FOUR_WEEKS.plus(Duration.ofDays(1));
    /** How long a snapshot's time range keeps covering searches as the clock moves on: then it is read again. */
    private static final Duration REUSE = Duration.ofHours(1);

    private final ProfileRepository profiles;
    private final SlotRepository slots;
    private final ScheduleRepository schedules;
    private final CalendlyRepository calendly;
    private final DatabaseClient db;
    private final Cache<Long, Snapshot> cache;

    public SearchSnapshots(ProfileRepository profiles, SlotRepository slots, ScheduleRepository schedules,
                           CalendlyRepository calendly, DatabaseClient db,
                           @Value("${coachwork.scheduling.search-snapshots.max-slots:50000}") long maxSlots) {
        this.profiles = profiles;
        this.slots = slots;
        this.schedules = schedules;
        this.calendly = calendly;
        this.db = db;
        // Weighed by the rows a snapshot holds: a full four weeks (~200 slots and as many generated times of one
        // length) are ~100 KB of heap, so the default bound keeps them under ~25 MB.
        this.cache = Caffeine.newBuilder().maximumWeight(maxSlots).weigher((Long tutor, Snapshot s) -> s.weight()).build();
    }

    /**
     * A tutor's settings, slots starting in [from - 1 day, from + 4 weeks + 1 day), default availability and
     * Calendly busy time overlapping that range, as of {@code now}.
     *
     * @param profile      empty for an unknown tutor
     * @param slots        in start order
     * @param times        each slot's instants, in the same order
     * @param availability empty without a default schedule
     * @param calendly     busy intervals in start order
     * @param generated    the default schedule's bookable times over [from, to) regardless of now, by session length,
     *                     made on first use
     */
    public record Snapshot(long version, Instant from, Instant to, Optional<TutorProfile> profile, List<StoredSlot> slots,
                           List<Busy> times, Optional<Availability> availability, List<Busy> calendly,
                           Map<Integer, List<BookableTime>> generated) {

        Snapshot(long version, Instant from, Instant to, Optional<TutorProfile> profile, List<StoredSlot> slots,
                 Optional<Availability> availability, List<Busy> calendly) {
            this(version, from, to, profile, slots, slots.stream().map(s -> s.slot().busy()).toList(), availability,
                    calendly, new ConcurrentHashMap<>());
        }

        /**
         * Bookable times of {@code minutes} from the default schedule around every slot and the Calendly busy time,
         * over the whole snapshot and regardless of the notice and horizon; empty without a schedule. A search takes
         * the part that starts in its own [max(from, now + notice), min(to, now + horizon)), which is what the
         * generator would answer for it (SlotGeneratorPropertyTest).
         */
        List<BookableTime> generated(int minutes) {
            TutorProfile p = profile.orElseThrow();
            return availability.map(a -> generated.computeIfAbsent(minutes, m -> new SlotGenerator(a, p.bookingRules(),
                    calendly.isEmpty() ? times : concat(times, calendly)).regardlessOfNow(from, to, m))).orElse(List.of());
        }

        private static List<Busy> concat(List<Busy> a, List<Busy> b) {
            List<Busy> all = new ArrayList<>(a.size() + b.size());
            all.addAll(a);
            all.addAll(b);
            return all;
        }

        boolean covers(Instant searchFrom, Instant searchTo) {
            return !searchFrom.isBefore(from) && !searchTo.isAfter(to);
        }

        /** Weighed when stored, by the rows read; the generated times made later are of the same order. */
        int weight() {
            return 1 + slots.size() + calendly.size();
        }

        /** Slots starting in [from, to), as the repository's {@code between} reads them, with their instants. */
        Near startingBetween(Instant from, Instant to) {
            List<StoredSlot> nearSlots = new ArrayList<>();
            List<Busy> nearTimes = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                Instant start = times.get(i).start();
                if (!start.isBefore(from) && start.isBefore(to)) {
                    nearSlots.add(slots.get(i));
                    nearTimes.add(times.get(i));
                }
            }
            return new Near(nearSlots, nearTimes);
        }

        /** Calendly busy time overlapping [from, to). */
        List<Busy> calendlyBetween(Instant from, Instant to) {
            return calendly.stream().filter(b -> b.end().isAfter(from) && b.start().isBefore(to)).toList();
        }
    }

    /** Some of a snapshot's slots, each with its instants at the same index. */
    record Near(List<StoredSlot> slots, List<Busy> times) {
    }

    /** The tutor's snapshot for a search at {@code now}: the kept one if still current, else read afresh. */
    public Mono<Snapshot> of(long tutorId, Instant now) {
        Instant searchFrom = now.minus(BEFORE);
        Instant searchTo = now.plus(AFTER);
        return version(tutorId).flatMap(version -> {
            Snapshot kept = cache.getIfPresent(tutorId);
            if (kept != null && kept.version() == version && kept.covers(searchFrom, searchTo)) {
                return Mono.just(kept);
            }
            // Read after the version: a change committed in between makes the snapshot newer than its version
            // says, and the next search reads it again; never older.
            return load(tutorId, version, searchFrom, searchTo.plus(REUSE), now)
                    .doOnNext(s -> cache.asMap().merge(tutorId, s, (old, fresh) -> fresh.version() >= old.version() ? fresh : old));
        });
    }

    private Mono<Long> version(long tutorId) {
        return db.sql("SELECT version FROM availability_version WHERE tutor_id = :t").bind("t", tutorId)
                .map((row, meta) -> row.get(0, Long.class)).one().defaultIfEmpty(0L);
    }

    private Mono<Snapshot> load(long tutorId, long version, Instant from, Instant to, Instant now) {
        return profiles.findSettings(tutorId)
                .flatMap(profile -> Mono.zip(slots.between(tutorId, from, to, null).collectList(),
                                schedules.defaultAvailability(tutorId, ZoneId.of(profile.timeZone()), now),
                                calendly.busy(tutorId, from, to).collectList())
                        .map(loaded -> new Snapshot(version, from, to, Optional.of(profile), loaded.getT1(), loaded.getT2(),
                                loaded.getT3())))
                .defaultIfEmpty(new Snapshot(version, from, to, Optional.empty(), List.of(), Optional.empty(), List.of()));
    }
}

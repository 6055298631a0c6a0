package io.coachwork.scheduling.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The public directory: approved tutors who accept students, filtered and ordered in one query.
 * A tutor's soonest free time is their first explicit slot with a seat left that starts after their
 * minimum notice and within the four-week horizon.
 */
@Repository
public class DirectoryRepository {

    private final DatabaseClient db;

    public DirectoryRepository(DatabaseClient db) {
        this.db = db;
    }

    private static final String NEXT = """
            (SELECT min(t.starts_at) FROM teaching_slot t WHERE t.tutor_id = p.tutor_id
               AND t.booked_count < t.max_participants
               AND t.starts_at >= :now + make_interval(mins => p.minimum_notice) AND t.starts_at <= :horizon)""";

    public record Listed(TutorProfile profile, Instant nextAvailableAt) {
    }

    public record Found(List<Listed> tutors, long total) {
    }

    public Mono<Found> search(DirectoryQuery q, Instant now, Instant horizon) {
        String rate = q.subject() == null ? "p.hourly_rate_minor"
                : "COALESCE((SELECT s.hourly_rate_minor FROM tutor_subject s WHERE s.tutor_id = p.tutor_id "
                + "AND lower(s.subject) = lower(:subject)), p.hourly_rate_minor)";
        String next = NEXT;
        StringBuilder where = new StringBuilder(" WHERE p.status = 'approved' AND p.accepting_students");
        if (q.subject() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM tutor_subject s WHERE s.tutor_id = p.tutor_id AND lower(s.subject) = lower(:subject))");
        }
        if (q.minPrice() != null) {
            where.append(" AND ").append(rate).append("::numeric / power(10, p.currency_digits) >= :minPrice");
        }
        if (q.maxPrice() != null) {
            where.append(" AND ").append(rate).append("::numeric / power(10, p.currency_digits) <= :maxPrice");
        }
        if (q.experienceLevel() != null) {
            // Levels are ordered: asking for "advanced" lists advanced and expert tutors.
            where.append(" AND array_position(ARRAY['beginner','intermediate','advanced','expert'], p.experience_level)"
                    + " >= array_position(ARRAY['beginner','intermediate','advanced','expert'], :level)");
        }
        if (q.minRating() != null) {
            where.append(" AND p.rating >= :minRating");
        }
        if (q.availableWithinDays() != null) {
            where.append(" AND ").append(next).append(" <= :within");
        }
        String order = switch (q.sort()) {
            case RATING -> " ORDER BY p.rating DESC NULLS LAST, p.review_count DESC, p.tutor_id";
            case PRICE -> " ORDER BY rate ASC NULLS LAST, p.tutor_id";
            case PRICE_DESC -> " ORDER BY rate DESC NULLS LAST, p.tutor_id";
            case SOONEST -> " ORDER BY next_available_at ASC NULLS LAST, p.tutor_id";
        };
        String select = "SELECT p.*, " + rate + " AS rate, " + next + " AS next_available_at FROM tutor_profile p"
                + where + order + " LIMIT :limit OFFSET :offset";
        Instant within = q.availableWithinDays() == null ? null : now.plus(Duration.ofDays(q.availableWithinDays()));
        DatabaseClient.GenericExecuteSpec rows = bind(db.sql(select), q, now, horizon, within, true)
                .bind("limit", q.page().limit()).bind("offset", q.page().offset());
        DatabaseClient.GenericExecuteSpec count = bind(db.sql("SELECT count(*) AS n FROM tutor_profile p" + where), q, now,
                horizon, within, within != null);
        return count.map((row, meta) -> row.get("n", Long.class)).one()
                .flatMap(total -> rows.map((row, meta) -> new Listed(ProfileRepository.toProfile(row, List.of()),
                                ProfileRepository.instant(row.get("next_available_at", OffsetDateTime.class))))
                        .all().collectList()
                        .map(list -> new Found(list, total)));
    }

    /** The tutor's first open explicit slot after their notice and within the horizon. */
    public Mono<Instant> nextExplicit(long tutorId, Instant now, Instant horizon) {
        return db.sql("SELECT p.tutor_id, " + NEXT + " AS next_available_at FROM tutor_profile p WHERE p.tutor_id = :id")
                .bind("id", tutorId).bind("now", ProfileRepository.utc(now)).bind("horizon", ProfileRepository.utc(horizon))
                .map((row, meta) -> Optional.ofNullable(
                        ProfileRepository.instant(row.get("next_available_at", OffsetDateTime.class))))
                .one().flatMap(Mono::justOrEmpty);
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, DirectoryQuery q,
                                                          Instant now, Instant horizon, Instant within,
                                                          boolean nextFreeTime) {
        if (nextFreeTime) {
            spec = spec.bind("now", ProfileRepository.utc(now)).bind("horizon", ProfileRepository.utc(horizon));
        }
        if (q.subject() != null) {
            spec = spec.bind("subject", q.subject());
        }
        if (q.minPrice() != null) {
            spec = spec.bind("minPrice", q.minPrice());
        }
        if (q.maxPrice() != null) {
            spec = spec.bind("maxPrice", q.maxPrice());
        }
        if (q.experienceLevel() != null) {
            spec = spec.bind("level", q.experienceLevel());
        }
        if (q.minRating() != null) {
            spec = spec.bind("minRating", q.minRating());
        }
        if (within != null) {
            spec = spec.bind("within", ProfileRepository.utc(within));
        }
        return spec;
    }
}

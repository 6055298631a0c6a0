package io.coachwork.scheduling.review;

import io.coachwork.scheduling.review.domain.Ratings;
import io.coachwork.scheduling.review.domain.Review;
import io.coachwork.scheduling.review.domain.ReviewDraft;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reviewable sessions, reviews, their moderation log and the tutor's aggregate on tutor_profile. */
@Repository
public class ReviewRepository {

    private final DatabaseClient db;

    public ReviewRepository(DatabaseClient db) {
        this.db = db;
    }

    public record Reviewable(String sessionId, long studentId, long tutorId, Instant completedAt) {
    }

    /** The tutor's average and count over visible reviews. */
    public record Aggregate(BigDecimal rating, int reviewCount) {
    }

    public record ReviewAuditEntry(long id, String action, long actorId, String reason, Instant createdAt) {
    }

    /** True when the pair is new; a repeated completion changes nothing. */
    public Mono<Boolean> addReviewable(Reviewable r, Instant now) {
        return db.sql("INSERT INTO reviewable_session (session_id, student_id, tutor_id, completed_at, created_at) "
                        + "VALUES (:s, :st, :t, :c, :now) ON CONFLICT (session_id, student_id) DO NOTHING")
                .bind("s", r.sessionId()).bind("st", r.studentId()).bind("t", r.tutorId())
                .bind("c", utc(r.completedAt())).bind("now", utc(now))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Reviewable> reviewable(String sessionId, long studentId) {
        return db.sql("SELECT * FROM reviewable_session WHERE session_id = :s AND student_id = :st")
                .bind("s", sessionId).bind("st", studentId).map(ReviewRepository::toReviewable).one();
    }

    /** Whether any participant of the session may review it, i.e. session-service said it completed. */
    public Mono<Boolean> completed(String sessionId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM reviewable_session WHERE session_id = :s) AS known")
                .bind("s", sessionId).map((row, meta) -> row.get("known", Boolean.class)).one();
    }

    /**
     * Serialises every change to one tutor's reviews on their profile row, so each transaction's
     * recount (a new statement, a new snapshot) sees the others' committed reviews.
     */
    public Mono<Void> lockTutor(long tutorId) {
        return db.sql("SELECT tutor_id FROM tutor_profile WHERE tutor_id = :t FOR UPDATE")
                .bind("t", tutorId).fetch().all().then();
    }

    /** The new review's id, or empty when this participant already reviewed this session. */
    public Mono<Long> insert(Reviewable r, String reviewerName, ReviewDraft draft, Instant now) {
        ReviewDraft.Categories c = draft.categories();
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO session_review (session_id, student_id, tutor_id, reviewer_name, rating, knowledge,
                            communication, punctuality, value, comment, created_at, updated_at)
                        VALUES (:s, :st, :t, :name, :rating, :knowledge, :communication, :punctuality, :value, :comment,
                            :now, :now)
                        ON CONFLICT (session_id, student_id) DO NOTHING RETURNING id""")
                .bind("s", r.sessionId()).bind("st", r.studentId()).bind("t", r.tutorId())
                .bind("rating", (short) draft.rating()).bind("now", utc(now));
        spec = text(spec, "name", reviewerName);
        spec = text(spec, "comment", draft.comment());
        spec = small(spec, "knowledge", c.knowledge());
        spec = small(spec, "communication", c.communication());
        spec = small(spec, "punctuality", c.punctuality());
        spec = small(spec, "value", c.value());
        return spec.map((row, meta) -> row.get("id", Long.class)).one();
    }

    public Mono<Review> find(long id) {
        return db.sql("SELECT * FROM session_review WHERE id = :id").bind("id", id).map(ReviewRepository::toReview).one();
    }

    public Mono<Review> lock(long id) {
        return db.sql("SELECT * FROM session_review WHERE id = :id FOR UPDATE").bind("id", id)
                .map(ReviewRepository::toReview).one();
    }

    public Mono<Review> update(Review r) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE session_review SET response = :response, responded_at = :respondedAt, hidden = :hidden,
                            hidden_reason = :reason, hidden_at = :hiddenAt, updated_at = :now WHERE id = :id""")
                .bind("id", r.id()).bind("hidden", r.hidden()).bind("now", utc(r.updatedAt()));
        spec = text(spec, "response", r.response());
        spec = text(spec, "reason", r.hiddenReason());
        spec = time(spec, "respondedAt", r.respondedAt());
        spec = time(spec, "hiddenAt", r.hiddenAt());
        return spec.fetch().rowsUpdated().thenReturn(r);
    }

    /** Recounts the tutor's visible reviews and stores the result where the directory filters and sorts. */
    public Mono<Aggregate> recompute(long tutorId) {
        return aggregate(tutorId).flatMap(a -> {
            DatabaseClient.GenericExecuteSpec spec = db.sql(
                            "UPDATE tutor_profile SET rating = :rating, review_count = :n WHERE tutor_id = :t")
                    .bind("t", tutorId).bind("n", a.reviewCount());
            spec = a.rating() == null ? spec.bindNull("rating", BigDecimal.class) : spec.bind("rating", a.rating());
            return spec.fetch().rowsUpdated().thenReturn(a);
        });
    }

    public Mono<Aggregate> aggregate(long tutorId) {
        return db.sql("SELECT count(*) AS n, coalesce(sum(rating), 0) AS total FROM session_review "
                        + "WHERE tutor_id = :t AND NOT hidden")
                .bind("t", tutorId)
                .map((row, meta) -> {
                    long n = ((Number) row.get("n")).longValue();
                    long total = ((Number) row.get("total")).longValue();
                    return new Aggregate(Ratings.average(total, n), (int) n);
                }).one();
    }

    public Mono<Void> audit(long reviewId, String action, long actorId, String reason, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO review_audit (review_id, action, actor_id, reason, "
                        + "created_at) VALUES (:r, :a, :actor, :reason, :now)")
                .bind("r", reviewId).bind("a", action).bind("actor", actorId).bind("now", utc(now));
        return text(spec, "reason", reason).fetch().rowsUpdated().then();
    }

    public Flux<ReviewAuditEntry> auditLog(long reviewId) {
        return db.sql("SELECT * FROM review_audit WHERE review_id = :r ORDER BY id").bind("r", reviewId)
                .map((row, meta) -> new ReviewAuditEntry(row.get("id", Long.class), row.get("action", String.class),
                        row.get("actor_id", Long.class), row.get("reason", String.class),
                        instant(row.get("created_at", OffsetDateTime.class))))
                .all();
    }

    /** Which reviews a list shows: any null criterion is not applied. */
    public record Filter(Long tutorId, Long studentId, Boolean hidden) {
    }

    /** A page of the reviews the filter selects, newest first. */
    public Mono<List<Review>> page(Filter f, int limit, long offset) {
        return bind(db.sql("SELECT * FROM session_review" + where(f) + " ORDER BY created_at DESC, id DESC "
                        + "LIMIT :limit OFFSET :offset"), f)
                .bind("limit", limit).bind("offset", offset)
                .map(ReviewRepository::toReview).all().collectList();
    }

    public Mono<Long> count(Filter f) {
        return bind(db.sql("SELECT count(*) AS n FROM session_review" + where(f)), f)
                .map((row, meta) -> ((Number) row.get("n")).longValue()).one();
    }

    private static String where(Filter f) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (f.tutorId() != null) {
            where.append(" AND tutor_id = :tutor");
        }
        if (f.studentId() != null) {
            where.append(" AND student_id = :student");
        }
        if (f.hidden() != null) {
            where.append(" AND hidden = :hidden");
        }
        return where.toString();
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Filter f) {
        if (f.tutorId() != null) {
            spec = spec.bind("tutor", f.tutorId());
        }
        if (f.studentId() != null) {
            spec = spec.bind("student", f.studentId());
        }
        if (f.hidden() != null) {
            spec = spec.bind("hidden", f.hidden());
        }
        return spec;
    }

    /**
     * Completed pairs not yet asked for a review and not yet reviewed, completed within the window,
     * oldest first, claimed so replicas never ask twice.
     */
    public Mono<List<Reviewable>> claimUnrequested(Instant now, Instant since, int batch) {
        return db.sql("""
                        SELECT r.* FROM reviewable_session r
                        WHERE r.review_requested_at IS NULL AND r.completed_at <= :now AND r.completed_at > :since
                          AND NOT EXISTS (SELECT 1 FROM session_review v
                                          WHERE v.session_id = r.session_id AND v.student_id = r.student_id)
                        ORDER BY r.completed_at, r.session_id, r.student_id
                        LIMIT :n FOR UPDATE OF r SKIP LOCKED""")
                .bind("now", utc(now)).bind("since", utc(since)).bind("n", batch)
                .map(ReviewRepository::toReviewable).all().collectList();
    }

    public Mono<Void> markRequested(Reviewable r, Instant now) {
        return db.sql("UPDATE reviewable_session SET review_requested_at = :now WHERE session_id = :s AND student_id = :st")
                .bind("now", utc(now)).bind("s", r.sessionId()).bind("st", r.studentId())
                .fetch().rowsUpdated().then();
    }

    private static Reviewable toReviewable(Readable row) {
        return new Reviewable(row.get("session_id", String.class), row.get("student_id", Long.class),
                row.get("tutor_id", Long.class), instant(row.get("completed_at", OffsetDateTime.class)));
    }

    private static Review toReview(Readable row) {
        return new Review(row.get("id", Long.class), row.get("session_id", String.class),
                row.get("student_id", Long.class), row.get("tutor_id", Long.class),
                row.get("reviewer_name", String.class), row.get("rating", Short.class),
                new ReviewDraft.Categories(small(row, "knowledge"), small(row, "communication"),
                        small(row, "punctuality"), small(row, "value")),
                row.get("comment", String.class), row.get("response", String.class),
                instant(row.get("responded_at", OffsetDateTime.class)), row.get("hidden", Boolean.class),
                row.get("hidden_reason", String.class), instant(row.get("hidden_at", OffsetDateTime.class)),
                instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)));
    }

    private static Integer small(Readable row, String column) {
        Short value = row.get(column, Short.class);
        return value == null ? null : value.intValue();
    }

    private static DatabaseClient.GenericExecuteSpec text(DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static DatabaseClient.GenericExecuteSpec small(DatabaseClient.GenericExecuteSpec spec, String name, Integer value) {
        return value == null ? spec.bindNull(name, Short.class) : spec.bind(name, value.shortValue());
    }

    private static DatabaseClient.GenericExecuteSpec time(DatabaseClient.GenericExecuteSpec spec, String name, Instant value) {
        return value == null ? spec.bindNull(name, OffsetDateTime.class) : spec.bind(name, utc(value));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

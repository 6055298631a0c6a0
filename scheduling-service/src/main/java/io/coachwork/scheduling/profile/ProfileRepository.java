package io.coachwork.scheduling.profile;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class ProfileRepository {

    private final DatabaseClient db;

    public ProfileRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<TutorProfile> find(long tutorId) {
        return row("SELECT * FROM tutor_profile WHERE tutor_id = :id", tutorId).flatMap(this::withSubjects);
    }

    /** The profile without its subjects (one query), for reads that only need the booking settings. */
    public Mono<TutorProfile> findSettings(long tutorId) {
        return row("SELECT * FROM tutor_profile WHERE tutor_id = :id", tutorId);
    }

    /** Locks the profile for the rest of the transaction: one tutor's changes (and slot writes) apply in turn. */
    public Mono<TutorProfile> lock(long tutorId) {
        return row("SELECT * FROM tutor_profile WHERE tutor_id = :id FOR UPDATE", tutorId).flatMap(this::withSubjects);
    }

    private Mono<TutorProfile> row(String sql, long tutorId) {
        return db.sql(sql).bind("id", tutorId).map((row, meta) -> toProfile(row, List.of())).one();
    }

    private Mono<TutorProfile> withSubjects(TutorProfile p) {
        return subjects(List.of(p.tutorId())).map(all -> with(p, all.getOrDefault(p.tutorId(), List.of())));
    }

    /** Subjects of several tutors in one query, by tutor id. */
    public Mono<Map<Long, List<TutorProfile.Subject>>> subjects(Collection<Long> tutorIds) {
        return db.sql("SELECT * FROM tutor_subject WHERE tutor_id = ANY(:ids) ORDER BY tutor_id, subject")
                .bind("ids", tutorIds.toArray(Long[]::new))
                .map((row, meta) -> Map.entry(row.get("tutor_id", Long.class), new TutorProfile.Subject(
                        row.get("subject", String.class), row.get("level", String.class),
                        row.get("hourly_rate_minor", Long.class))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** Inserts a draft if the tutor has no profile yet; concurrent first calls create one row. */
    public Mono<Void> insertIfAbsent(TutorProfile p) {
        return db.sql("""
                        INSERT INTO tutor_profile (tutor_id, display_name, created_at, updated_at)
                        VALUES (:id, :name, :now, :now) ON CONFLICT (tutor_id) DO NOTHING""")
                .bind("id", p.tutorId())
                .bind("name", Parameter.fromOrEmpty(p.displayName(), String.class))
                .bind("now", utc(p.createdAt()))
                .fetch().rowsUpdated().then();
    }

    public Mono<TutorProfile> update(TutorProfile p) {
        Mono<Long> row = db.sql("""
                        UPDATE tutor_profile SET display_name = :name, bio = :bio, achievements = :achievements,
                          video_url = :video, tags = :tags, experience_level = :level, hourly_rate_minor = :rate,
                          currency = :currency, currency_digits = :digits, default_duration = :def, minimum_duration = :min,
                          maximum_duration = :max, booking_increment = :increment, buffer_before = :before,
                          buffer_after = :after, minimum_notice = :notice, accepting_students = :accepting,
                          time_zone = :zone, status = :status, rejection_reason = :reason, applied_at = :applied,
                          decided_at = :decided, updated_at = :now, cancellation_policy = :policy,
                          late_cancel_refund_percent = :late
                        WHERE tutor_id = :id""")
                .bind("id", p.tutorId())
                .bind("name", Parameter.fromOrEmpty(p.displayName(), String.class))
                .bind("bio", Parameter.fromOrEmpty(p.bio(), String.class))
                .bind("achievements", p.achievements().toArray(String[]::new))
                .bind("video", Parameter.fromOrEmpty(p.videoUrl(), String.class))
                .bind("tags", p.tags().toArray(String[]::new))
                .bind("level", p.experienceLevel())
                .bind("rate", Parameter.fromOrEmpty(p.hourlyRateMinor(), Long.class))
                .bind("currency", p.currency())
                .bind("digits", (short) TutorProfile.fractionDigits(p.currency()))
                .bind("def", p.defaultDuration()).bind("min", p.minimumDuration()).bind("max", p.maximumDuration())
                .bind("increment", p.bookingIncrement())
                .bind("before", p.bufferBefore()).bind("after", p.bufferAfter()).bind("notice", p.minimumNotice())
                .bind("accepting", p.acceptingStudents())
                .bind("zone", p.timeZone())
                .bind("status", p.status().value())
                .bind("reason", Parameter.fromOrEmpty(p.rejectionReason(), String.class))
                .bind("applied", Parameter.fromOrEmpty(utcOrNull(p.appliedAt()), OffsetDateTime.class))
                .bind("decided", Parameter.fromOrEmpty(utcOrNull(p.decidedAt()), OffsetDateTime.class))
                .bind("now", utc(p.updatedAt()))
                .bind("policy", p.cancellationPolicy())
                .bind("late", (short) p.lateCancelRefundPercent())
                .fetch().rowsUpdated();
        return row.then(replaceSubjects(p)).thenReturn(p);
    }

    private Mono<Void> replaceSubjects(TutorProfile p) {
        Mono<Void> delete = db.sql("DELETE FROM tutor_subject WHERE tutor_id = :id").bind("id", p.tutorId())
                .fetch().rowsUpdated().then();
        return delete.thenMany(Flux.fromIterable(p.subjects()).concatMap(s -> db.sql("""
                                INSERT INTO tutor_subject (tutor_id, subject, level, hourly_rate_minor)
                                VALUES (:id, :subject, :level, :rate)""")
                        .bind("id", p.tutorId()).bind("subject", s.subject())
                        .bind("level", Parameter.fromOrEmpty(s.level(), String.class))
                        .bind("rate", Parameter.fromOrEmpty(s.hourlyRateMinor(), Long.class))
                        .fetch().rowsUpdated()))
                .then();
    }

    public Flux<TutorProfile> listByStatus(ProfileStatus status, int limit, long offset) {
        return db.sql("SELECT * FROM tutor_profile WHERE status = :status ORDER BY applied_at, tutor_id LIMIT :limit OFFSET :offset")
                .bind("status", status.value()).bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> toProfile(row, List.of())).all();
    }

    public Mono<Long> countByStatus(ProfileStatus status) {
        return db.sql("SELECT count(*) AS n FROM tutor_profile WHERE status = :status").bind("status", status.value())
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    public Mono<Void> audit(long tutorId, String action, long actorId, String reason, Instant at) {
        return db.sql("INSERT INTO profile_audit (tutor_id, action, actor_id, reason, created_at) VALUES (:t, :a, :actor, :r, :at)")
                .bind("t", tutorId).bind("a", action).bind("actor", actorId)
                .bind("r", Parameter.fromOrEmpty(reason, String.class)).bind("at", utc(at))
                .fetch().rowsUpdated().then();
    }

    public record AuditEntry(long id, long tutorId, String action, long actorId, String reason, Instant createdAt) {
    }

    public Flux<AuditEntry> auditLog(long tutorId) {
        return db.sql("SELECT * FROM profile_audit WHERE tutor_id = :t ORDER BY id").bind("t", tutorId)
                .map((row, meta) -> new AuditEntry(row.get("id", Long.class), row.get("tutor_id", Long.class),
                        row.get("action", String.class), row.get("actor_id", Long.class), row.get("reason", String.class),
                        instant(row.get("created_at", OffsetDateTime.class))))
                .all();
    }

    /** The secret token of the tutor's calendar feed, set (or replaced) in one statement. */
    public Mono<Void> setCalendarToken(long tutorId, String token) {
        return db.sql("UPDATE tutor_profile SET calendar_token = :token WHERE tutor_id = :id")
                .bind("id", tutorId).bind("token", token).fetch().rowsUpdated().then();
    }

    public Mono<String> calendarToken(long tutorId) {
        return db.sql("SELECT calendar_token FROM tutor_profile WHERE tutor_id = :id AND calendar_token IS NOT NULL")
                .bind("id", tutorId).map((row, meta) -> row.get("calendar_token", String.class)).one();
    }

    public Mono<TutorProfile> findByCalendarToken(String token) {
        return db.sql("SELECT * FROM tutor_profile WHERE calendar_token = :token").bind("token", token)
                .map((row, meta) -> toProfile(row, List.of())).one();
    }

    static TutorProfile with(TutorProfile p, List<TutorProfile.Subject> subjects) {
        return new TutorProfile(p.tutorId(), p.displayName(), p.bio(), p.achievements(), p.videoUrl(), p.tags(),
                p.experienceLevel(), p.hourlyRateMinor(), p.currency(), p.defaultDuration(), p.minimumDuration(),
                p.maximumDuration(), p.bookingIncrement(), p.bufferBefore(), p.bufferAfter(), p.minimumNotice(),
                p.acceptingStudents(), p.timeZone(), p.rating(), p.reviewCount(), p.status(), p.rejectionReason(),
                p.appliedAt(), p.decidedAt(), List.copyOf(subjects), p.createdAt(), p.updatedAt(),
                p.cancellationPolicy(), p.lateCancelRefundPercent());
    }

    static TutorProfile toProfile(Readable row, List<TutorProfile.Subject> subjects) {
        return new TutorProfile(row.get("tutor_id", Long.class), row.get("display_name", String.class),
                row.get("bio", String.class), strings(row.get("achievements", String[].class)),
                row.get("video_url", String.class), strings(row.get("tags", String[].class)),
                row.get("experience_level", String.class), row.get("hourly_rate_minor", Long.class),
                row.get("currency", String.class), row.get("default_duration", Integer.class),
                row.get("minimum_duration", Integer.class), row.get("maximum_duration", Integer.class),
                row.get("booking_increment", Integer.class), row.get("buffer_before", Integer.class),
                row.get("buffer_after", Integer.class), row.get("minimum_notice", Integer.class),
                row.get("accepting_students", Boolean.class), row.get("time_zone", String.class),
                row.get("rating", BigDecimal.class), row.get("review_count", Integer.class),
                ProfileStatus.of(row.get("status", String.class)), row.get("rejection_reason", String.class),
                instant(row.get("applied_at", OffsetDateTime.class)), instant(row.get("decided_at", OffsetDateTime.class)),
                subjects, instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)), row.get("cancellation_policy", String.class),
                ((Number) row.get("late_cancel_refund_percent")).intValue());
    }

    private static List<String> strings(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime utcOrNull(Instant instant) {
        return instant == null ? null : utc(instant);
    }

    public static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

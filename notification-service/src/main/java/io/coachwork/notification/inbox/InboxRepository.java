package io.coachwork.notification.inbox;

import io.coachwork.notification.delivery.DeliveryRepository;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.platform.web.PageQuery;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class InboxRepository {

    private final DatabaseClient db;
    private final JsonMapper json;

    public InboxRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public record Stored(long id, Instant createdAt) {
    }

    /** An entry owned by {@code userId}, for checks before acting on it. */
    public record Owned(long userId, NotificationView view) {
    }

    /**
     * Stores a notification and logs its deliveries, in one statement; empty, with nothing logged, when
     * this fact was already told to this person (same dedupe key). The deliveries are selected from the
     * notification insert's RETURNING, which that conflict leaves empty.
     */
    public Mono<Stored> insert(long userId, NotificationType type, String title, String body, String dataJson,
                               String dedupeKey, List<DeliveryRepository.Decided> deliveries, Instant now) {
        // A push decided as sent went out at dispatch: one attempt, sent now. WITH ORDINALITY keeps the
        // rows in the order given, so their ids follow it. Array elements may be NULL (a push has no
        // recipient or body, a queued email no reason).
        return db.sql("""
                        WITH saved AS (
                            INSERT INTO notification (user_id, type, event, title, body, data, dedupe_key, created_at)
                            VALUES (:user, :type, :event, :title, :body, :data, :key, :now)
                            ON CONFLICT (dedupe_key) DO NOTHING
                            RETURNING id, created_at),
                        logged AS (
                            INSERT INTO delivery (notification_id, user_id, type, channel, status, recipient, subject,
                                                  body_text, body_html, attempts, error, created_at, updated_at, sent_at)
                            SELECT saved.id, :user, :type, d.channel, d.status, d.recipient, d.subject, d.body_text,
                                   d.body_html, CASE WHEN d.status = 'sent' THEN 1 ELSE 0 END, d.error, :now, :now,
                                   CASE WHEN d.status = 'sent' THEN :now END
                            FROM saved, unnest(:channels::text[], :statuses::text[], :recipients::text[],
                                               :subjects::text[], :texts::text[], :htmls::text[], :errors::text[])
                                 WITH ORDINALITY AS d(channel, status, recipient, subject, body_text, body_html, error, n)
                            ORDER BY d.n)
                        SELECT id, created_at FROM saved""")
                .bind("user", userId).bind("type", type.key()).bind("event", type.event())
                .bind("title", title).bind("body", body).bind("data", Json.of(dataJson))
                .bind("key", dedupeKey).bind("now", utc(now))
                .bind("channels", column(deliveries, d -> d.channel().key()))
                .bind("statuses", column(deliveries, d -> d.status().key()))
                .bind("recipients", column(deliveries, DeliveryRepository.Decided::recipient))
                .bind("subjects", column(deliveries, DeliveryRepository.Decided::subject))
                .bind("texts", column(deliveries, DeliveryRepository.Decided::text))
                .bind("htmls", column(deliveries, DeliveryRepository.Decided::html))
                .bind("errors", column(deliveries, DeliveryRepository.Decided::reason))
                .map((row, meta) -> new Stored(row.get("id", Long.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    /** Whether a fact was told to its person already (a notification with this dedupe key exists). */
    public Mono<Boolean> exists(String dedupeKey) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM notification WHERE dedupe_key = :key) AS found")
                .bind("key", dedupeKey)
                .map((row, meta) -> row.get("found", Boolean.class))
                .one();
    }

    /** Newest first (insertion order: the clock may be moved, ids only grow). */
    public Flux<NotificationView> page(long userId, boolean unreadOnly, PageQuery page) {
        return db.sql("SELECT * FROM notification WHERE user_id = :user AND (NOT :unread OR read_at IS NULL) "
                        + "ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .bind("user", userId).bind("unread", unreadOnly).bind("limit", page.limit()).bind("offset", page.offset())
                .map((row, meta) -> toView(row))
                .all();
    }

    public Mono<Long> count(long userId, boolean unreadOnly) {
        return db.sql("SELECT count(*) AS n FROM notification WHERE user_id = :user AND (NOT :unread OR read_at IS NULL)")
                .bind("user", userId).bind("unread", unreadOnly)
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    public Mono<Long> unreadCount(long userId) {
        return count(userId, true);
    }

    public Mono<Owned> find(long id) {
        return db.sql("SELECT * FROM notification WHERE id = :id").bind("id", id)
                .map((row, meta) -> new Owned(row.get("user_id", Long.class), toView(row)))
                .one();
    }

    /** Marks one entry read; reading it again keeps the first read time. */
    public Mono<NotificationView> markRead(long id, Instant now) {
        return db.sql("UPDATE notification SET read_at = COALESCE(read_at, :now) WHERE id = :id RETURNING *")
                .bind("id", id).bind("now", utc(now))
                .map((row, meta) -> toView(row))
                .one();
    }

    public Mono<Long> markAllRead(long userId, Instant now) {
        return db.sql("UPDATE notification SET read_at = :now WHERE user_id = :user AND read_at IS NULL")
                .bind("user", userId).bind("now", utc(now))
                .fetch().rowsUpdated();
    }

    private NotificationView toView(Readable row) {
        OffsetDateTime readAt = row.get("read_at", OffsetDateTime.class);
        return new NotificationView(row.get("id", Long.class), row.get("type", String.class),
                row.get("event", String.class), row.get("title", String.class), row.get("body", String.class),
                json.readTree(row.get("data", Json.class).asString()), readAt != null,
                readAt == null ? null : readAt.toInstant(), row.get("created_at", OffsetDateTime.class).toInstant());
    }

    private static String[] column(List<DeliveryRepository.Decided> deliveries,
                                   Function<DeliveryRepository.Decided, String> value) {
        return deliveries.stream().map(value).toArray(String[]::new);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

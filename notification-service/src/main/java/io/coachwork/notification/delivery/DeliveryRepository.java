package io.coachwork.notification.delivery;

import io.coachwork.platform.web.PageQuery;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class DeliveryRepository {

    /**
     * Claims queued emails with a lease, committed at once: each is sent outside any transaction, and
     * one whose worker died becomes claimable again when its lease runs out. The lease covers every
     * attempt with its backoff. Lease times are the database's own, like the platform's outbox relay.
     */
    private static final String CLAIM_EMAILS = """
            UPDATE delivery SET status = 'sending', claimed_until = now() + interval '5 minutes'
            WHERE id IN (SELECT id FROM delivery
                         WHERE channel = 'email'
                           AND (status = 'pending' OR (status = 'sending' AND claimed_until < now()))
                         ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING id, notification_id, recipient, subject, body_text, body_html, attempts""";

    private final DatabaseClient db;

    public DeliveryRepository(DatabaseClient db) {
        this.db = db;
    }

    /** An email to send: who to, what, and how many attempts earlier claims already made. */
    public record EmailJob(long id, long notificationId, String recipient, String subject, String text, String html,
                           int attempts) {
    }

    public record Filter(Long userId, Channel channel, DeliveryStatus status) {
    }

    /**
     * A delivery decided at dispatch: a queued email (with its content), a push, or a skip with its
     * reason. Written with its notification, see {@code InboxRepository#insert}.
     */
    public record Decided(Channel channel, DeliveryStatus status, String recipient, String subject, String text,
                          String html, String reason) {
    }

    public Flux<EmailJob> claimEmails(int limit) {
        return db.sql(CLAIM_EMAILS).bind("limit", limit)
                .map((row, meta) -> new EmailJob(row.get("id", Long.class), row.get("notification_id", Long.class),
                        row.get("recipient", String.class), row.get("subject", String.class),
                        row.get("body_text", String.class), row.get("body_html", String.class),
                        row.get("attempts", Integer.class)))
                .all();
    }

    /** Marks emails sent in one statement: {@code attempts} maps each delivery id to its attempts in all. */
    public Mono<Void> markSent(Map<Long, Integer> attempts, Instant now) {
        return db.sql("""
                        UPDATE delivery d SET status = 'sent', attempts = s.attempts, error = NULL, sent_at = :now,
                                              updated_at = :now, claimed_until = NULL
                        FROM unnest(:ids::bigint[], :attempts::int[]) AS s(id, attempts)
                        WHERE d.id = s.id""")
                .bind("ids", attempts.keySet().toArray(Long[]::new))
                .bind("attempts", attempts.values().toArray(Integer[]::new))
                .bind("now", utc(now))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> markFailed(long id, int attempts, String error, Instant now) {
        return db.sql("UPDATE delivery SET status = 'failed', attempts = :attempts, error = :error, updated_at = :now, "
                        + "claimed_until = NULL WHERE id = :id")
                .bind("id", id).bind("attempts", attempts).bind("error", error).bind("now", utc(now))
                .fetch().rowsUpdated().then();
    }

    public Flux<DeliveryView> list(Filter filter, PageQuery page) {
        Where where = where(filter);
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT * FROM delivery" + where.sql()
                + " ORDER BY id DESC LIMIT :limit OFFSET :offset");
        spec = where.bind(spec).bind("limit", page.limit()).bind("offset", page.offset());
        return spec.map((row, meta) -> toView(row)).all();
    }

    public Mono<Long> count(Filter filter) {
        Where where = where(filter);
        return where.bind(db.sql("SELECT count(*) AS n FROM delivery" + where.sql()))
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    private record Where(String sql, Filter filter) {

        DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
            if (filter.userId() != null) {
                spec = spec.bind("user", filter.userId());
            }
            if (filter.channel() != null) {
                spec = spec.bind("channel", filter.channel().key());
            }
            if (filter.status() != null) {
                spec = spec.bind("status", filter.status().key());
            }
            return spec;
        }
    }

    private static Where where(Filter filter) {
        List<String> conditions = new ArrayList<>();
        if (filter.userId() != null) {
            conditions.add("user_id = :user");
        }
        if (filter.channel() != null) {
            conditions.add("channel = :channel");
        }
        if (filter.status() != null) {
            conditions.add("status = :status");
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), filter);
    }

    private static DeliveryView toView(Readable row) {
        return new DeliveryView(row.get("id", Long.class), row.get("notification_id", Long.class),
                row.get("user_id", Long.class), row.get("type", String.class), row.get("channel", String.class),
                row.get("status", String.class), row.get("recipient", String.class), row.get("subject", String.class),
                row.get("attempts", Integer.class), row.get("error", String.class),
                instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)),
                instant(row.get("sent_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

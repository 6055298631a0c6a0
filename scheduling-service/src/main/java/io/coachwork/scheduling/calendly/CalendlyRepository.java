package io.coachwork.scheduling.calendly;

import static io.coachwork.scheduling.profile.ProfileRepository.instant;
import static io.coachwork.scheduling.profile.ProfileRepository.utc;

import io.coachwork.platform.observability.TraceScope;
import io.coachwork.scheduling.availability.domain.Busy;
import io.coachwork.scheduling.calendly.domain.CalendlySettings;
import io.coachwork.scheduling.calendly.domain.EventTypeMapping;
import io.coachwork.scheduling.calendly.domain.InviteeEvent;
import io.coachwork.scheduling.calendly.domain.Mode;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class CalendlyRepository {

    /** Namespace of the per-invitee advisory locks (the second key is the invitee URI's hash). */
    private static final int INVITEE_LOCK = 5050;
    private static final String BUSY = """
            SELECT (EXTRACT(EPOCH FROM b.starts_at) * 1000)::bigint AS s, (EXTRACT(EPOCH FROM b.ends_at) * 1000)::bigint AS e
            FROM calendly_busy b
            WHERE b.tutor_id = :t AND b.ends_at > :from AND b.starts_at < :to
              AND EXISTS (SELECT 1 FROM calendly_connection c WHERE c.tutor_id = :t AND c.disconnected_at IS NULL)
            ORDER BY b.starts_at""";

    private final DatabaseClient db;

    public CalendlyRepository(DatabaseClient db) {
        this.db = db;
    }

    public record Connection(long tutorId, CalendlySettings settings, Instant connectedAt, Instant updatedAt,
                             Instant disconnectedAt) {

        public boolean connected() {
            return disconnectedAt == null;
        }
    }

    public record Delivery(long id, String event, String inviteeUri, String scheduledEventUri, String eventTypeUri,
                           String userUri, Instant startsAt, Instant endsAt, String status, Long tutorId, int attempts,
                           Instant nextAttemptAt, String lastError, Instant receivedAt, Instant updatedAt) {

        public InviteeEvent invitee() {
            return new InviteeEvent(event, inviteeUri, scheduledEventUri, eventTypeUri, userUri, startsAt, endsAt);
        }
    }

    // --- connections

    public Mono<Connection> connection(long tutorId) {
        return db.sql("SELECT * FROM calendly_connection WHERE tutor_id = :t").bind("t", tutorId)
                .map((row, meta) -> row(row)).one()
                .flatMap(this::withMappings);
    }

    /** The connected tutor of a Calendly user, if any. */
    public Mono<Connection> connectedUser(String userUri) {
        return db.sql("SELECT * FROM calendly_connection WHERE user_uri = :u AND disconnected_at IS NULL").bind("u", userUri)
                .map((row, meta) -> row(row)).one()
                .flatMap(this::withMappings);
    }

    /** Connects (or reconnects, or changes) the tutor's Calendly user and replaces their mappings. */
    public Mono<Void> save(long tutorId, CalendlySettings s, Instant now) {
        Mono<Void> connection = db.sql("""
                        INSERT INTO calendly_connection (tutor_id, user_uri, default_mode, connected_at, updated_at)
                        VALUES (:t, :u, :m, :now, :now)
                        ON CONFLICT (tutor_id) DO UPDATE SET user_uri = EXCLUDED.user_uri, default_mode = EXCLUDED.default_mode,
                          updated_at = EXCLUDED.updated_at, disconnected_at = NULL,
                          connected_at = CASE WHEN calendly_connection.disconnected_at IS NULL
                                              THEN calendly_connection.connected_at ELSE EXCLUDED.connected_at END""")
                .bind("t", tutorId).bind("u", s.userUri()).bind("m", s.defaultMode().value()).bind("now", utc(now))
                .fetch().rowsUpdated().then();
        Mono<Void> clear = db.sql("DELETE FROM calendly_event_type_mapping WHERE tutor_id = :t").bind("t", tutorId)
                .fetch().rowsUpdated().then();
        Flux<Long> insert = Flux.range(0, s.mappings().size()).concatMap(i -> {
            EventTypeMapping m = s.mappings().get(i);
            return db.sql("""
                            INSERT INTO calendly_event_type_mapping (tutor_id, event_type_uri, mode, buffer_before_minutes,
                              buffer_after_minutes, position) VALUES (:t, :u, :m, :b, :a, :p)""")
                    .bind("t", tutorId).bind("u", m.eventTypeUri()).bind("m", m.mode().value())
                    .bind("b", (short) m.bufferBeforeMinutes()).bind("a", (short) m.bufferAfterMinutes()).bind("p", i.shortValue())
                    .fetch().rowsUpdated();
        });
        return connection.then(clear).thenMany(insert).then();
    }

    public Mono<Long> disconnect(long tutorId, Instant now) {
        return db.sql("""
                        UPDATE calendly_connection SET disconnected_at = :now, updated_at = :now
                        WHERE tutor_id = :t AND disconnected_at IS NULL""")
                .bind("t", tutorId).bind("now", utc(now)).fetch().rowsUpdated();
    }

    private Mono<Connection> withMappings(Connection c) {
        return db.sql("SELECT * FROM calendly_event_type_mapping WHERE tutor_id = :t ORDER BY position").bind("t", c.tutorId())
                .map((row, meta) -> new EventTypeMapping(row.get("event_type_uri", String.class),
                        Mode.valueOf(row.get("mode", String.class).toUpperCase()),
                        row.get("buffer_before_minutes", Short.class), row.get("buffer_after_minutes", Short.class)))
                .all().collectList()
                .map(mappings -> new Connection(c.tutorId(), new CalendlySettings(c.settings().userUri(),
                        c.settings().defaultMode(), mappings), c.connectedAt(), c.updatedAt(), c.disconnectedAt()));
    }

    private static Connection row(Readable row) {
        return new Connection(row.get("tutor_id", Long.class), new CalendlySettings(row.get("user_uri", String.class),
                Mode.valueOf(row.get("default_mode", String.class).toUpperCase()), List.of()),
                instant(row.get("connected_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)),
                nullable(row.get("disconnected_at", OffsetDateTime.class)));
    }

    // --- deliveries

    /** Stores a delivery, pending and leased until {@code leaseUntil}; empty when this (invitee, event) is already stored. */
    public Mono<Optional<Delivery>> insert(InviteeEvent e, String payload, Instant now, Instant leaseUntil) {
        return db.sql("""
                        INSERT INTO calendly_delivery (event, invitee_uri, scheduled_event_uri, event_type_uri, user_uri, starts_at,
                          ends_at, payload, status, next_attempt_at, received_at, updated_at)
                        VALUES (:event, :invitee, :scheduled, :type, :user, :start, :end, :payload, 'pending', :lease, :now, :now)
                        ON CONFLICT (invitee_uri, event) DO NOTHING RETURNING *""")
                .bind("event", e.event()).bind("invitee", e.inviteeUri()).bind("scheduled", e.scheduledEventUri())
                .bind("type", Parameter.fromOrEmpty(e.eventTypeUri(), String.class)).bind("user", e.userUri())
                .bind("start", utc(e.start())).bind("end", utc(e.end())).bind("payload", payload)
                .bind("lease", utc(leaseUntil)).bind("now", utc(now))
                .map((row, meta) -> delivery(row)).one()
                .map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    public Mono<Delivery> delivery(String inviteeUri, String event) {
        return db.sql("SELECT * FROM calendly_delivery WHERE invitee_uri = :i AND event = :e").bind("i", inviteeUri).bind("e", event)
                .map((row, meta) -> delivery(row)).one();
    }

    public Mono<Delivery> delivery(long id) {
        return db.sql("SELECT * FROM calendly_delivery WHERE id = :id").bind("id", id).map((row, meta) -> delivery(row)).one();
    }

    /** Locks a delivery for the rest of the transaction (an apply, a failure record or a replay of it at a time). */
    public Mono<Delivery> lockDelivery(long id) {
        return db.sql("SELECT * FROM calendly_delivery WHERE id = :id FOR UPDATE").bind("id", id)
                .map((row, meta) -> delivery(row)).one();
    }

    public Mono<Delivery> settle(long id, String status, Long tutorId, String error, Instant now) {
        return db.sql("""
                        UPDATE calendly_delivery SET status = :s, tutor_id = :t, last_error = :err, attempts = attempts + 1,
                          updated_at = :now WHERE id = :id RETURNING *""")
                .bind("id", id).bind("s", status).bind("t", Parameter.fromOrEmpty(tutorId, Long.class))
                .bind("err", Parameter.fromOrEmpty(error, String.class)).bind("now", utc(now))
                .map((row, meta) -> delivery(row)).one();
    }

    /** A failed attempt: pending again at {@code retryAt}, or dead when that was the last one. */
    public Mono<Delivery> failed(long id, boolean dead, Instant retryAt, String error, Instant now) {
        return db.sql("""
                        UPDATE calendly_delivery SET status = :s, attempts = attempts + 1, next_attempt_at = :retry,
                          last_error = :err, updated_at = :now WHERE id = :id RETURNING *""")
                .bind("id", id).bind("s", dead ? "dead" : "pending").bind("retry", utc(retryAt)).bind("err", error)
                .bind("now", utc(now))
                .map((row, meta) -> delivery(row)).one();
    }

    /** Takes up to {@code limit} due deliveries, leasing each until {@code leaseUntil} so other replicas skip them. */
    public Mono<List<Delivery>> claimDue(Instant now, Instant leaseUntil, int limit) {
        return db.sql("""
                        UPDATE calendly_delivery SET next_attempt_at = :lease
                        WHERE id IN (SELECT id FROM calendly_delivery WHERE status = 'pending' AND next_attempt_at <= :now
                                     ORDER BY next_attempt_at, id LIMIT :n FOR UPDATE SKIP LOCKED)
                        RETURNING *""")
                .bind("now", utc(now)).bind("lease", utc(leaseUntil)).bind("n", limit)
                .map((row, meta) -> delivery(row)).all().collectList();
    }

    /** A dead delivery made pending again with a fresh set of attempts (leased to the caller). */
    public Mono<Delivery> revive(long id, Instant now, Instant leaseUntil) {
        return db.sql("""
                        UPDATE calendly_delivery SET status = 'pending', attempts = 0, next_attempt_at = :lease, updated_at = :now
                        WHERE id = :id AND status = 'dead' RETURNING *""")
                .bind("id", id).bind("now", utc(now)).bind("lease", utc(leaseUntil))
                .map((row, meta) -> delivery(row)).one();
    }

    public Flux<Delivery> dead(int limit, long offset) {
        return db.sql("SELECT * FROM calendly_delivery WHERE status = 'dead' ORDER BY updated_at DESC, id DESC LIMIT :l OFFSET :o")
                .bind("l", limit).bind("o", offset).map((row, meta) -> delivery(row)).all();
    }

    public Mono<Long> deadCount() {
        return db.sql("SELECT count(*) AS n FROM calendly_delivery WHERE status = 'dead'")
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    private static Delivery delivery(Readable row) {
        return new Delivery(row.get("id", Long.class), row.get("event", String.class), row.get("invitee_uri", String.class),
                row.get("scheduled_event_uri", String.class), row.get("event_type_uri", String.class),
                row.get("user_uri", String.class), instant(row.get("starts_at", OffsetDateTime.class)),
                instant(row.get("ends_at", OffsetDateTime.class)), row.get("status", String.class),
                row.get("tutor_id", Long.class), row.get("attempts", Integer.class),
                instant(row.get("next_attempt_at", OffsetDateTime.class)), row.get("last_error", String.class),
                instant(row.get("received_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)));
    }

    // --- busy time

    /** Serialises every change about one invitee (its create and its cancel) until the transaction ends. */
    public Mono<Void> lockInvitee(String inviteeUri) {
        return db.sql("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(" + INVITEE_LOCK + ", hashtext(:i))) l")
                .bind("i", inviteeUri).map((row, meta) -> 1).one().then();
    }

    public Mono<Boolean> canceled(String inviteeUri) {
        return db.sql("SELECT count(*) AS n FROM calendly_delivery WHERE invitee_uri = :i AND event = 'invitee.canceled'")
                .bind("i", inviteeUri).map((row, meta) -> row.get("n", Long.class) > 0).one();
    }

    /** Records the invitee's busy interval; false when it already is. */
    public Mono<Boolean> addBusy(long tutorId, InviteeEvent e, Busy busy, Instant now) {
        return db.sql("""
                        INSERT INTO calendly_busy (tutor_id, invitee_uri, event_type_uri, starts_at, ends_at, created_at)
                        VALUES (:t, :i, :type, :s, :e, :now) ON CONFLICT (invitee_uri) DO NOTHING""")
                .bind("t", tutorId).bind("i", e.inviteeUri()).bind("type", Parameter.fromOrEmpty(e.eventTypeUri(), String.class))
                .bind("s", utc(busy.start())).bind("e", utc(busy.end())).bind("now", utc(now))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Removes the invitee's busy interval; the tutor it was for, if there was one. */
    public Mono<Long> removeBusy(String inviteeUri) {
        return db.sql("DELETE FROM calendly_busy WHERE invitee_uri = :i RETURNING tutor_id").bind("i", inviteeUri)
                .map((row, meta) -> row.get("tutor_id", Long.class)).one();
    }

    /**
     * A connected tutor's Calendly busy time that overlaps [from, to), in start order: one range of the
     * (tutor_id, ends_at) index, for slot search and booking.
     */
    public Flux<Busy> busy(long tutorId, Instant from, Instant to) {
        return db.sql(BUSY).bind("t", tutorId).bind("from", utc(from)).bind("to", utc(to))
                .map((row, meta) -> new Busy(Instant.ofEpochMilli(row.get("s", Long.class)), Instant.ofEpochMilli(row.get("e", Long.class))))
                .all()
                .contextWrite(TraceScope::untraced);
    }

    /** A tutor's busy interval (the directory reads several tutors' at once). */
    public record TutorBusy(long tutorId, Busy busy) {
    }

    /** Connected tutors' Calendly busy time overlapping [from, to), for the directory's soonest free time. */
    public Flux<TutorBusy> busyOf(List<Long> tutorIds, Instant from, Instant to) {
        return db.sql("""
                        SELECT b.tutor_id, b.starts_at, b.ends_at FROM calendly_busy b
                        JOIN calendly_connection c ON c.tutor_id = b.tutor_id AND c.disconnected_at IS NULL
                        WHERE b.tutor_id = ANY(:ids) AND b.ends_at > :from AND b.starts_at < :to""")
                .bind("ids", tutorIds.toArray(Long[]::new)).bind("from", utc(from)).bind("to", utc(to))
                .map((row, meta) -> new TutorBusy(row.get("tutor_id", Long.class), new Busy(
                        instant(row.get("starts_at", OffsetDateTime.class)), instant(row.get("ends_at", OffsetDateTime.class)))))
                .all();
    }

    private static Instant nullable(OffsetDateTime t) {
        return t == null ? null : instant(t);
    }
}

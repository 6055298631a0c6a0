package io.coachwork.notification.teaching;

import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class TeachingSessionRepository {

    private final DatabaseClient db;

    public TeachingSessionRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Folds one event into the session: every event carries the whole session, so it replaces what
     * was known, unless an event that happened later was applied already. {@code startedAt} is
     * recorded once, from the started event.
     */
    public Mono<TeachingSession> apply(TeachingSessionEvent event, Instant startedAt, Instant now) {
        Instant occurred = event.occurredAt() != null ? event.occurredAt() : now;
        List<Long> booked = TeachingSessionRules.bookedStudents(event);
        Mono<Long> upsert = db.sql("""
                        INSERT INTO teaching_session (session_id, tutor_id, title, session_type, status, starts_at, ends_at,
                                                      started_at, booked_student_ids, occurred_at, updated_at)
                        VALUES (:id, :tutor, :title, :type, COALESCE(:status, 'SCHEDULED'), :starts, :ends, :started,
                                :booked, :occurred, :now)
                        ON CONFLICT (session_id) DO UPDATE SET
                          tutor_id = EXCLUDED.tutor_id,
                          title = COALESCE(EXCLUDED.title, teaching_session.title),
                          session_type = COALESCE(EXCLUDED.session_type, teaching_session.session_type),
                          status = COALESCE(:status, teaching_session.status),
                          starts_at = COALESCE(EXCLUDED.starts_at, teaching_session.starts_at),
                          ends_at = COALESCE(EXCLUDED.ends_at, teaching_session.ends_at),
                          started_at = COALESCE(teaching_session.started_at, EXCLUDED.started_at),
                          booked_student_ids = EXCLUDED.booked_student_ids,
                          occurred_at = EXCLUDED.occurred_at,
                          updated_at = EXCLUDED.updated_at
                        WHERE teaching_session.occurred_at <= EXCLUDED.occurred_at""")
                .bind("id", event.sessionId()).bind("tutor", event.tutorId())
                .bind("title", text(event.title())).bind("type", text(event.sessionType()))
                .bind("status", text(event.status() == null ? null : event.status().trim().toUpperCase()))
                .bind("starts", time(event.startsAt())).bind("ends", time(event.endsAt()))
                .bind("started", time(startedAt))
                .bind("booked", booked.toArray(Long[]::new))
                .bind("occurred", utc(occurred)).bind("now", utc(now))
                .fetch().rowsUpdated();
        return upsert.then(db.sql("SELECT * FROM teaching_session WHERE session_id = :id")
                .bind("id", event.sessionId())
                .map((row, meta) -> toSession(row))
                .one());
    }

    /** Reads a row carrying teaching_session columns (also when joined with other tables). */
    public static TeachingSession toSession(Readable row) {
        Long[] booked = row.get("booked_student_ids", Long[].class);
        return new TeachingSession(row.get("session_id", String.class), row.get("tutor_id", Long.class),
                row.get("title", String.class), row.get("session_type", String.class), row.get("status", String.class),
                instant(row.get("starts_at", OffsetDateTime.class)), instant(row.get("ends_at", OffsetDateTime.class)),
                instant(row.get("started_at", OffsetDateTime.class)),
                booked == null ? List.of() : Arrays.asList(booked));
    }

    private static Parameter text(String value) {
        return Parameter.fromOrEmpty(value == null || value.isBlank() ? null : value, String.class);
    }

    private static Parameter time(Instant instant) {
        return Parameter.fromOrEmpty(instant == null ? null : utc(instant), OffsetDateTime.class);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

package io.coachwork.notification.coaching;

import io.coachwork.contracts.coaching.CoachingSessionEvent;
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
public class CoachingSessionRepository {

    private final DatabaseClient db;

    public CoachingSessionRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Folds one event into the session: what the event says replaces what was known (fields it
     * leaves out keep their value) and invited students add to those already invited.
     */
    public Mono<CoachingSession> apply(CoachingSessionEvent event, String status, Instant now) {
        List<Long> students = event.studentIds() == null ? List.of() : event.studentIds();
        return db.sql("""
                        INSERT INTO coaching_session (session_id, tutor_id, title, status, start_time, end_time, view_link,
                                                      student_ids, updated_at)
                        VALUES (:id, :tutor, :title, COALESCE(:status, 'scheduled'), :start, :end, :link, :students, :now)
                        ON CONFLICT (session_id) DO UPDATE SET
                          tutor_id = EXCLUDED.tutor_id,
                          title = COALESCE(:title, coaching_session.title),
                          status = COALESCE(:status, coaching_session.status),
                          start_time = COALESCE(:start, coaching_session.start_time),
                          end_time = COALESCE(:end, coaching_session.end_time),
                          view_link = COALESCE(:link, coaching_session.view_link),
                          student_ids = ARRAY(SELECT DISTINCT s FROM unnest(coaching_session.student_ids || EXCLUDED.student_ids) AS s ORDER BY s),
                          updated_at = EXCLUDED.updated_at
                        RETURNING *""")
                .bind("id", event.sessionId()).bind("tutor", event.tutorId())
                .bind("title", text(event.title())).bind("status", text(status))
                .bind("start", time(event.startTime())).bind("end", time(event.endTime()))
                .bind("link", text(event.viewLink()))
                .bind("students", students.toArray(Long[]::new))
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map((row, meta) -> toSession(row))
                .one();
    }

    /** Reads a row carrying coaching_session columns (also when joined with other tables). */
    public static CoachingSession toSession(Readable row) {
        Long[] students = row.get("student_ids", Long[].class);
        return new CoachingSession(row.get("session_id", Long.class), row.get("tutor_id", Long.class),
                row.get("title", String.class), row.get("status", String.class),
                instant(row.get("start_time", OffsetDateTime.class)), instant(row.get("end_time", OffsetDateTime.class)),
                row.get("view_link", String.class), students == null ? List.of() : Arrays.asList(students));
    }

    private static Parameter text(String value) {
        return Parameter.fromOrEmpty(value == null || value.isBlank() ? null : value, String.class);
    }

    private static Parameter time(Instant instant) {
        return Parameter.fromOrEmpty(instant == null ? null : instant.atOffset(ZoneOffset.UTC), OffsetDateTime.class);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

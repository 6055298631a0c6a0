package io.coachwork.session.coaching;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.coachwork.session.coaching.CoachingSessionRepository.instant;
import static io.coachwork.session.coaching.CoachingSessionRepository.utc;

@Repository
public class ParticipantRepository {

    private final DatabaseClient db;

    public ParticipantRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Invites the students not invited yet and returns only those, in the order given. */
    public Flux<Participant> inviteNew(long sessionId, List<Long> studentIds, Instant now) {
        if (studentIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        INSERT INTO coaching_session_participant (session_id, student_id, invited_at)
                        SELECT :session, ids.student_id, :now
                        FROM unnest(CAST(:ids AS BIGINT[])) WITH ORDINALITY AS ids(student_id, position)
                        ORDER BY ids.position
                        ON CONFLICT (session_id, student_id) DO NOTHING
                        RETURNING *""")
                .bind("session", sessionId).bind("ids", studentIds.toArray(Long[]::new)).bind("now", utc(now))
                .map((row, meta) -> toParticipant(row)).all()
                .sort((a, b) -> Long.compare(a.id(), b.id()));
    }

    public Flux<Participant> findBySessions(Collection<Long> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT * FROM coaching_session_participant WHERE session_id = ANY(:ids) ORDER BY id")
                .bind("ids", sessionIds.toArray(Long[]::new))
                .map((row, meta) -> toParticipant(row)).all();
    }

    public Flux<Participant> findBySession(long sessionId) {
        return findBySessions(List.of(sessionId));
    }

    public Mono<List<Long>> studentIds(long sessionId) {
        return findBySession(sessionId).map(Participant::studentId).collectList();
    }

    public Mono<Participant> find(long sessionId, long studentId) {
        return db.sql("SELECT * FROM coaching_session_participant WHERE session_id = :s AND student_id = :st")
                .bind("s", sessionId).bind("st", studentId)
                .map((row, meta) -> toParticipant(row)).one();
    }

    /** Records the first time a participant joins a running session. */
    public Mono<Void> markJoined(long sessionId, long studentId, Instant now) {
        return db.sql("""
                        UPDATE coaching_session_participant SET joined_at = :now
                        WHERE session_id = :s AND student_id = :st AND joined_at IS NULL""")
                .bind("s", sessionId).bind("st", studentId).bind("now", utc(now))
                .fetch().rowsUpdated().then();
    }

    /** When a session stops, everyone who joined and is still there has left with it. */
    public Mono<Void> markLeft(long sessionId, Instant at) {
        return db.sql("""
                        UPDATE coaching_session_participant SET left_at = :at
                        WHERE session_id = :s AND joined_at IS NOT NULL AND left_at IS NULL""")
                .bind("s", sessionId).bind("at", utc(at))
                .fetch().rowsUpdated().then();
    }

    private static Participant toParticipant(Readable row) {
        return new Participant(row.get("id", Long.class), row.get("session_id", Long.class),
                row.get("student_id", Long.class), instant(row.get("invited_at", OffsetDateTime.class)),
                instant(row.get("joined_at", OffsetDateTime.class)), instant(row.get("left_at", OffsetDateTime.class)));
    }
}

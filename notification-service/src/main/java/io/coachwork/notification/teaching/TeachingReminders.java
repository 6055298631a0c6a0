package io.coachwork.notification.teaching;

import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.reminder.ReminderKind;
import io.coachwork.notification.reminder.ReminderRules;
import io.coachwork.notification.reminder.ReminderSource;
import io.coachwork.notification.template.Message;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seed 002 §9's reminder emails, 24 hours and 1 hour before a teaching session, for the tutor and
 * every student booked at the time the reminder goes out: a student who cancelled gets none, one who
 * booked late gets the reminders still ahead. A cancelled, started or finished session has none; a
 * moved one is reminded at its new time only. Sending (once each, stale ones skipped) is
 * {@link io.coachwork.notification.reminder.ReminderJob}'s.
 */
@Component
public class TeachingReminders implements ReminderSource<TeachingSession> {

    private final DatabaseClient db;
    private final Links links;

    public TeachingReminders(DatabaseClient db, Links links) {
        this.db = db;
        this.links = links;
    }

    /** Keeps the session's reminders in step with it, as coaching sessions' are kept. */
    public Mono<Void> follow(TeachingSession session, Instant now) {
        if (!session.isScheduled() || session.startsAt() == null) {
            return db.sql("DELETE FROM teaching_reminder WHERE session_id = :s").bind("s", session.sessionId())
                    .fetch().rowsUpdated().then();
        }
        OffsetDateTime start = utc(session.startsAt());
        Mono<Void> dropMoved = db.sql("DELETE FROM teaching_reminder WHERE session_id = :s AND session_start <> :start")
                .bind("s", session.sessionId()).bind("start", start)
                .fetch().rowsUpdated().then();
        Flux<Long> add = Flux.fromIterable(ReminderRules.plan(session.startsAt(), now))
                .concatMap(planned -> db.sql("""
                                INSERT INTO teaching_reminder (session_id, kind, session_start, due_at)
                                VALUES (:s, :kind, :start, :due) ON CONFLICT (session_id, kind) DO NOTHING""")
                        .bind("s", session.sessionId()).bind("kind", planned.kind().key())
                        .bind("start", start).bind("due", utc(planned.dueAt()))
                        .fetch().rowsUpdated());
        return dropMoved.thenMany(add).then();
    }

    @Override
    public Mono<List<Due<TeachingSession>>> claimDue(Instant now, int limit) {
        return db.sql("""
                        SELECT r.kind, r.session_start, s.*
                        FROM teaching_reminder r JOIN teaching_session s ON s.session_id = r.session_id
                        WHERE r.processed_at IS NULL AND r.due_at <= :now
                        ORDER BY r.due_at LIMIT :limit
                        FOR UPDATE OF r SKIP LOCKED""")
                .bind("now", utc(now)).bind("limit", limit)
                .map((row, meta) -> new Due<>(ReminderKind.byKey(row.get("kind", String.class)).orElseThrow(),
                        row.get("session_start", OffsetDateTime.class).toInstant(), TeachingSessionRepository.toSession(row)))
                .all().collectList();
    }

    @Override
    public Mono<Void> markProcessed(Due<TeachingSession> due, String outcome, Instant now) {
        return db.sql("UPDATE teaching_reminder SET processed_at = :now, outcome = :outcome "
                        + "WHERE session_id = :s AND kind = :kind")
                .bind("now", utc(now)).bind("outcome", outcome)
                .bind("s", due.session().sessionId()).bind("kind", due.kind().key())
                .fetch().rowsUpdated().then();
    }

    /** The tutor and the booked students; nobody when no student is booked any more (there is no lesson to give). */
    @Override
    public List<Notice> notices(Due<TeachingSession> due, Instant now) {
        TeachingSession session = due.session();
        List<Long> students = session.bookedStudentIds().stream().filter(s -> s != session.tutorId()).toList();
        if (students.isEmpty()) {
            return List.of();
        }
        ReminderKind kind = due.kind();
        String link = links.teachingSession(session.sessionId());
        String lead = kind == ReminderKind.DAY_BEFORE ? "in 24 hours" : "in 1 hour";
        Message.Builder forTutor = Message.subject("Reminder: {title} starts " + lead)
                .heading("{title} starts " + lead)
                .paragraph("When: {when}")
                .paragraph(students.size() == 1 ? "1 student is booked. Start the session when it is time."
                        : students.size() + " students are booked. Start the session when it is time.")
                .action("Open session", link);
        Message.Builder forStudents = Message.subject("Reminder: {title} starts " + lead)
                .heading("{title} starts " + lead)
                .paragraph("When: {when}")
                .paragraph("Your session with {tutor}. Join from the link below once your tutor starts it.")
                .action("Open session", link);
        for (Message.Builder b : List.of(forTutor, forStudents)) {
            b.value("title", session.displayTitle())
                    .value("when", new Message.When(session.startsAt(), session.endsAt()))
                    .value("tutor", new Message.Person(session.tutorId(), "your tutor"));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("teaching_session_id", session.sessionId());
        data.put("tutor_id", session.tutorId());
        data.put("title", session.displayTitle());
        data.put("session_type", session.sessionType());
        data.put("starts_at", session.startsAt());
        data.put("ends_at", session.endsAt());
        data.put("session_link", link);
        data.put("reminder", kind.key());
        data.put("minutes_until_start", Math.max(0, Duration.between(now, session.startsAt()).toMinutes()));

        // Keyed by the start time too: a session moved to a new time deserves new reminders.
        String fact = "teaching-reminder:" + session.sessionId() + ":" + kind.key() + ":" + session.startsAt().getEpochSecond();
        List<Notice> notices = new ArrayList<>();
        notices.add(new Notice(session.tutorId(), kind.type(), forTutor.build(), data, fact + ":" + session.tutorId()));
        students.forEach(student -> notices.add(new Notice(student, kind.type(), forStudents.build(), data, fact + ":" + student)));
        return notices;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.coachwork.notification.reminder;

import io.coachwork.notification.coaching.CoachingSession;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.template.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A reminder goes to the tutor and every invited student, with the time in each one's zone and the join link. */
public final class ReminderNotices {

    private ReminderNotices() {
    }

    public static List<Notice> notices(CoachingSession session, ReminderKind kind, Instant now, Links links) {
        String title = session.title() == null || session.title().isBlank() ? "Coaching session" : session.title();
        String joinLink = links.join(session.sessionId(), session.viewLink());
        String lead = kind == ReminderKind.DAY_BEFORE ? "in 24 hours" : "in 1 hour";
        Message.Builder forTutor = Message.subject("Reminder: {title} starts " + lead)
                .heading("{title} starts " + lead)
                .paragraph("When: {when}")
                .paragraph("Your students have been invited; start the session when it is time.")
                .action("Open session", joinLink);
        Message.Builder forStudents = Message.subject("Reminder: {title} starts " + lead)
                .heading("{title} starts " + lead)
                .paragraph("When: {when}")
                .paragraph("Your session with {tutor}. Join from the link below when it starts.")
                .action("Join session", joinLink);
        for (Message.Builder b : List.of(forTutor, forStudents)) {
            b.value("title", title)
                    .value("when", new Message.When(session.startTime(), session.endTime()))
                    .value("tutor", new Message.Person(session.tutorId(), "your tutor"));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session_id", session.sessionId());
        data.put("tutor_id", session.tutorId());
        data.put("title", title);
        data.put("start_time", session.startTime());
        data.put("end_time", session.endTime());
        data.put("view_link", joinLink);
        data.put("reminder", kind.key());
        data.put("minutes_until_start", Math.max(0, Duration.between(now, session.startTime()).toMinutes()));

        // Keyed by the start time too: a session moved to a new time deserves new reminders.
        String fact = "reminder:" + session.sessionId() + ":" + kind.key() + ":" + session.startTime().getEpochSecond();
        List<Notice> notices = new ArrayList<>();
        notices.add(new Notice(session.tutorId(), kind.type(), forTutor.build(), data, fact + ":" + session.tutorId()));
        Set<Long> students = new LinkedHashSet<>(session.studentIds());
        students.remove(session.tutorId());
        students.forEach(student -> notices.add(new Notice(student, kind.type(), forStudents.build(), data, fact + ":" + student)));
        return notices;
    }
}

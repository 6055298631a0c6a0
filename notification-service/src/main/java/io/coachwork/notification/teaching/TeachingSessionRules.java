package io.coachwork.notification.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.Durations;
import io.coachwork.notification.template.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who hears what about a teaching session (seed 002 §4, §5, §9, §10; issue 10). "The session's
 * people" are the tutor and every participant still BOOKED.
 * <ul>
 *   <li>starting: the session's people, {@code session:starting};</li>
 *   <li>started: the session's people except whoever started it (the students, when the tutor did);</li>
 *   <li>completed: the session's people, {@code session:ended} with the completion summary (duration,
 *       attendance: every student's for the tutor, their own for a student);</li>
 *   <li>message: the session's people except the sender ({@code actorId}): in a one-to-one session,
 *       the other participant;</li>
 *   <li>file: the session's people except the uploader;</li>
 *   <li>no_show: the tutor and every student not cancelled, saying who was absent and what happens to
 *       the money (TUTOR: the students are refunded in full; STUDENTS: the tutor is still paid).</li>
 * </ul>
 * Scheduling, participants joining or leaving and cancellations only move reminders: bookings tell
 * people about those ({@code session:booked}, {@code session:cancelled}).
 */
public final class TeachingSessionRules {

    static final String BOOKED = "BOOKED";
    static final String CANCELLED = "CANCELLED";
    static final String NO_SHOW_TUTOR = "TUTOR";
    static final String NO_SHOW_STUDENTS = "STUDENTS";
    /** Chat text shown in the inbox and push body; the whole text stays in the data. */
    static final int PREVIEW_LENGTH = 200;

    private TeachingSessionRules() {
    }

    /** Students whose participation is BOOKED, once each, never the tutor. */
    public static List<Long> bookedStudents(TeachingSessionEvent event) {
        Set<Long> booked = new LinkedHashSet<>();
        if (event.participants() != null) {
            for (TeachingSessionEvent.Participant p : event.participants()) {
                if (p != null && BOOKED.equalsIgnoreCase(p.status()) && p.studentId() != event.tutorId()) {
                    booked.add(p.studentId());
                }
            }
        }
        return List.copyOf(booked);
    }

    static String title(String title, String sessionType) {
        if (title != null && !title.isBlank()) {
            return title.trim();
        }
        return "GROUP".equalsIgnoreCase(sessionType) ? "Group session" : "One-to-one session";
    }

    /**
     * @param event   the event as published (its participants as they are now)
     * @param session what is known of the session once the event applied (when it really started)
     */
    public static List<Notice> notices(String eventId, String eventType, TeachingSessionEvent event,
                                       TeachingSession session, Links links) {
        Facts f = new Facts(eventId, event, session, links);
        return switch (eventType) {
            case EventTypes.TEACHING_SESSION_STARTING -> starting(f);
            case EventTypes.TEACHING_SESSION_STARTED -> started(f);
            case EventTypes.TEACHING_SESSION_COMPLETED -> completed(f);
            case EventTypes.TEACHING_SESSION_MESSAGE -> message(f);
            case EventTypes.TEACHING_SESSION_FILE -> file(f);
            case EventTypes.TEACHING_SESSION_NO_SHOW -> noShow(f);
            default -> List.of();
        };
    }

    private static List<Notice> starting(Facts f) {
        Message.Builder message = f.message("{title} is about to start").heading("{title} is about to start");
        Map<String, Object> data = f.data();
        if (f.event.startsAt() != null && f.event.occurredAt() != null) {
            long minutes = Math.max(0, Duration.between(f.event.occurredAt(), f.event.startsAt()).toMinutes());
            message.paragraph("It starts in {minutes} minutes, at {start}.").value("minutes", minutes);
            data.put("minutes_until_start", minutes);
        } else if (f.event.startsAt() != null) {
            message.paragraph("It starts at {start}.");
        }
        Message forTutor = message.paragraph("Start the session when you are ready; your students are told when you do.")
                .action("Open session", f.link()).build();
        Message forStudents = f.message("{title} is about to start").heading("{title} is about to start")
                .paragraph(f.event.startsAt() != null ? "Your session with {tutor} starts at {start}. "
                        + "You can join as soon as {tutor} starts it." : "You can join as soon as {tutor} starts it.")
                .action("Open session", f.link()).build();
        String fact = "starting:" + (f.event.startsAt() == null ? "" : f.event.startsAt().getEpochSecond());
        return f.toPeople(f.people(), NotificationType.SESSION_STARTING, fact, forTutor, forStudents, data);
    }

    private static List<Notice> started(Facts f) {
        Message forTutor = f.message("{title} has started").heading("{title} has started")
                .paragraph("The session is in progress; your students can join now.")
                .action("Open session", f.link()).build();
        Message forStudents = f.message("{title} has started").heading("{title} has started")
                .paragraph("{tutor} has started the session. Join now.")
                .action("Join session", f.link()).build();
        return f.toPeople(f.peopleExceptActor(), NotificationType.SESSION_STARTED, "started", forTutor, forStudents, f.data());
    }

    private static List<Notice> completed(Facts f) {
        Map<String, Object> data = f.data();
        Long seconds = f.durationSeconds();
        data.put("duration_seconds", seconds);
        List<Map<String, Object>> attendance = new ArrayList<>();
        Message.Builder forTutor = f.message("Session summary: {title}").heading("{title} has ended");
        if (seconds != null) {
            forTutor.paragraph("Duration: {duration}.").value("duration", Durations.format(seconds));
        }
        int i = 0;
        for (TeachingSessionEvent.Participant p : f.bookedParticipants()) {
            i++;
            String person = "student_" + i;
            forTutor.paragraph("{" + person + "}: attended {" + person + "_time}.")
                    .value(person, new Message.Person(p.studentId(), "Student " + p.studentId()))
                    .value(person + "_time", Durations.format(p.attendedSeconds()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("student_id", p.studentId());
            row.put("attended_seconds", p.attendedSeconds());
            attendance.add(row);
        }
        if (i == 0) {
            forTutor.paragraph("No student was booked at the end of the session.");
        }
        forTutor.action("View session", f.link());
        data.put("attendance", attendance);

        List<Notice> notices = new ArrayList<>();
        notices.add(f.notice(f.event.tutorId(), NotificationType.SESSION_ENDED, "completed", forTutor.build(), data));
        for (TeachingSessionEvent.Participant p : f.bookedParticipants()) {
            Message.Builder forStudent = f.message("Session summary: {title}").heading("Thanks for joining {title}")
                    .paragraph("Your session with {tutor} has ended.");
            if (seconds != null) {
                forStudent.paragraph("Duration: {duration}.").value("duration", Durations.format(seconds));
            }
            forStudent.paragraph(p.attendedSeconds() > 0 ? "You attended {attended}." : "You did not join this session.")
                    .value("attended", Durations.format(p.attendedSeconds()))
                    .action("View session", f.link());
            Map<String, Object> own = new LinkedHashMap<>(data);
            own.put("attendance", attendance.stream().filter(row -> Objects.equals(row.get("student_id"), p.studentId())).toList());
            notices.add(f.notice(p.studentId(), NotificationType.SESSION_ENDED, "completed", forStudent.build(), own));
        }
        return notices;
    }

    private static List<Notice> message(Facts f) {
        String text = f.event.detail() == null ? "" : f.event.detail().strip();
        Message message = f.message("New message from {sender}: {title}")
                .heading("New message from {sender}")
                .paragraph("{preview}")
                .action("Reply", f.link())
                .value("sender", f.actor())
                .value("preview", preview(text))
                .build();
        Map<String, Object> data = f.data();
        data.put("sender_id", f.event.actorId());
        data.put("message", text);
        return f.toPeople(f.peopleExceptActor(), NotificationType.SESSION_MESSAGE, null, message, message, data);
    }

    private static List<Notice> file(Facts f) {
        String name = f.event.detail() == null || f.event.detail().isBlank() ? "a file" : f.event.detail().strip();
        Message message = f.message("{sender} shared a file in {title}")
                .heading("{sender} shared {file}")
                .paragraph("{sender} shared {file} in {title}. Open the session to download it.")
                .action("Open session", f.link())
                .value("sender", f.actor())
                .value("file", name)
                .build();
        Map<String, Object> data = f.data();
        data.put("uploaded_by", f.event.actorId());
        data.put("file_name", f.event.detail());
        return f.toPeople(f.peopleExceptActor(), NotificationType.SESSION_FILE, null, message, message, data);
    }

    private static List<Notice> noShow(Facts f) {
        String who = f.event.noShow() == null ? "" : f.event.noShow().trim().toUpperCase();
        Message.Builder forTutor = f.message("No-show: {title}").heading("{title} was marked as a no-show");
        Message.Builder forStudents = f.message("No-show: {title}").heading("{title} was marked as a no-show");
        switch (who) {
            case NO_SHOW_TUTOR -> {
                forTutor.paragraph("You did not start the session planned for {when}.")
                        .paragraph("Every student is refunded in full, and there are no earnings for this session.");
                forStudents.paragraph("{tutor} did not start the session planned for {when}.")
                        .paragraph("You are refunded in full to your original payment method.");
            }
            case NO_SHOW_STUDENTS -> {
                forTutor.paragraph("No student joined the session planned for {when}.")
                        .paragraph("You are still paid for the session.");
                forStudents.paragraph("You did not join the session with {tutor} planned for {when}.")
                        .paragraph("The session is not refunded: the tutor was there and is paid for it.");
            }
            default -> {
                forTutor.paragraph("The session planned for {when} did not take place.");
                forStudents.paragraph("The session with {tutor} planned for {when} did not take place.");
            }
        }
        Map<String, Object> data = f.data();
        data.put("no_show", f.event.noShow());
        return f.toPeople(f.notCancelled(), NotificationType.SESSION_NO_SHOW, "no_show",
                forTutor.action("View session", f.link()).build(), forStudents.action("View session", f.link()).build(), data);
    }

    static String preview(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= PREVIEW_LENGTH ? oneLine : oneLine.substring(0, PREVIEW_LENGTH - 1) + "…";
    }

    /** What every notice about this session shares: its values, data and recipients. */
    private record Facts(String eventId, TeachingSessionEvent event, TeachingSession session, Links links) {

        String link() {
            return links.teachingSession(event.sessionId());
        }

        String title() {
            return TeachingSessionRules.title(event.title() != null ? event.title() : session.title(),
                    event.sessionType() != null ? event.sessionType() : session.sessionType());
        }

        /** Who sent or shared: a {@link Message.Person}, or plain words when the event names nobody. */
        Object actor() {
            Long actor = event.actorId();
            if (actor == null) {
                return "Someone";
            }
            return new Message.Person(actor, actor == event.tutorId() ? "Your tutor" : "Your student");
        }

        List<TeachingSessionEvent.Participant> bookedParticipants() {
            Set<Long> seen = new LinkedHashSet<>();
            List<TeachingSessionEvent.Participant> booked = new ArrayList<>();
            if (event.participants() != null) {
                for (TeachingSessionEvent.Participant p : event.participants()) {
                    if (p != null && BOOKED.equalsIgnoreCase(p.status()) && p.studentId() != event.tutorId()
                            && seen.add(p.studentId())) {
                        booked.add(p);
                    }
                }
            }
            return booked;
        }

        /** The tutor first, then the booked students. */
        List<Long> people() {
            List<Long> people = new ArrayList<>();
            people.add(event.tutorId());
            people.addAll(bookedStudents(event));
            return people;
        }

        List<Long> peopleExceptActor() {
            return people().stream().filter(p -> event.actorId() == null || p.longValue() != event.actorId()).toList();
        }

        /** The tutor and every student who did not cancel (booked, or already refunded). */
        List<Long> notCancelled() {
            Set<Long> people = new LinkedHashSet<>();
            people.add(event.tutorId());
            if (event.participants() != null) {
                for (TeachingSessionEvent.Participant p : event.participants()) {
                    if (p != null && !CANCELLED.equalsIgnoreCase(p.status())) {
                        people.add(p.studentId());
                    }
                }
            }
            return List.copyOf(people);
        }

        /** From the started event to the completion, when both are known. */
        Long durationSeconds() {
            Instant end = event.occurredAt();
            if (session == null || session.startedAt() == null || end == null || end.isBefore(session.startedAt())) {
                return null;
            }
            return Duration.between(session.startedAt(), end).toSeconds();
        }

        Message.Builder message(String subject) {
            Message.Builder builder = Message.subject(subject)
                    .value("title", title())
                    .value("tutor", new Message.Person(event.tutorId(), "your tutor"));
            if (event.startsAt() != null) {
                builder.value("when", new Message.When(event.startsAt(), event.endsAt())).value("start", event.startsAt());
            } else {
                builder.value("when", "the planned time").value("start", "the planned time");
            }
            return builder;
        }

        Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("teaching_session_id", event.sessionId());
            data.put("slot_id", event.slotId());
            data.put("tutor_id", event.tutorId());
            data.put("title", title());
            data.put("session_type", event.sessionType());
            data.put("status", event.status());
            data.put("starts_at", event.startsAt());
            data.put("ends_at", event.endsAt());
            data.put("session_link", link());
            return data;
        }

        /**
         * One fact per session ({@code fact} names it) is told once however often it is published;
         * messages and files ({@code fact} null) are each their own event.
         */
        Notice notice(long recipient, NotificationType type, String fact, Message message, Map<String, Object> data) {
            String key = fact == null ? Notice.key(eventId, recipient, type)
                    : "teaching:" + event.sessionId() + ":" + fact + ":" + recipient + ":" + type.key();
            return new Notice(recipient, type, message, data, key);
        }

        List<Notice> toPeople(List<Long> recipients, NotificationType type, String fact, Message forTutor,
                              Message forStudents, Map<String, Object> data) {
            return recipients.stream()
                    .map(r -> notice(r, type, fact, r == event.tutorId() ? forTutor : forStudents, data))
                    .toList();
        }
    }
}

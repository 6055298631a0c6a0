package io.coachwork.notification.coaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.coaching.CoachingSessionEvent;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.Hours;
import io.coachwork.notification.template.Message;
import io.coachwork.notification.template.Reasons;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who hears what about a coaching session:
 * <ul>
 *   <li>created / students_invited: each newly invited student gets an invitation with the time and the join link;</li>
 *   <li>started: the tutor and every student (students with the join link);</li>
 *   <li>time_warning: the tutor and every student, with the minutes left;</li>
 *   <li>ended: the tutor gets a summary of hours used and returned, each student an ended notice;</li>
 *   <li>cancelled: every student, and the tutor (whose reserved hours come back); a creation the wallet
 *       refused (status {@code failed}) reaches the tutor only, with the reason.</li>
 * </ul>
 * "Every student" is everyone invited so far, as remembered from earlier events of the session.
 * Reasons that are codes ({@code cancelled_by_tutor}, {@code auto_end}) stay in the data for
 * clients; people only read reasons written for them.
 */
public final class CoachingSessionRules {

    private static final String UNTITLED = "Coaching session";
    private static final String TUTOR_FALLBACK = "Your tutor";
    private static final String FAILED = "failed";
    /** session-service's reason when a session ran until its end time. */
    private static final String AUTO_END = "auto_end";

    private CoachingSessionRules() {
    }

    /** The session's status once the event applies; null keeps the status it had. */
    public static String statusAfter(String eventType, String eventStatus) {
        return switch (eventType) {
            case EventTypes.COACHING_SESSION_STARTED, EventTypes.COACHING_SESSION_TIME_WARNING -> CoachingSession.ACTIVE;
            case EventTypes.COACHING_SESSION_ENDED -> CoachingSession.ENDED;
            // A creation the wallet refused is announced as a cancellation with status "failed".
            case EventTypes.COACHING_SESSION_CANCELLED -> FAILED.equalsIgnoreCase(eventStatus) ? FAILED : CoachingSession.CANCELLED;
            default -> eventStatus == null || eventStatus.isBlank() ? null : eventStatus.trim().toLowerCase();
        };
    }

    /**
     * @param event   the event as published
     * @param session the session after the event was applied (everyone invited so far)
     */
    public static List<Notice> notices(String eventId, String eventType, CoachingSessionEvent event,
                                       CoachingSession session, Links links) {
        Facts facts = new Facts(eventId, session, links);
        return switch (eventType) {
            case EventTypes.COACHING_SESSION_CREATED, EventTypes.COACHING_SESSION_STUDENTS_INVITED ->
                    invitations(facts, event.studentIds());
            case EventTypes.COACHING_SESSION_STARTED -> started(facts);
            case EventTypes.COACHING_SESSION_TIME_WARNING -> timeWarnings(facts, event.minutesLeft());
            case EventTypes.COACHING_SESSION_ENDED -> ended(facts, event.minutesReserved(), event.minutesUsed(), event.reason());
            case EventTypes.COACHING_SESSION_CANCELLED -> FAILED.equals(session.status())
                    ? notCreated(facts, event.reason()) : cancelled(facts, event.reason());
            default -> List.of();
        };
    }

    private static List<Notice> invitations(Facts f, List<Long> invited) {
        if (invited == null) {
            return List.of();
        }
        Message message = f.message("You're invited: {title}")
                .heading("{tutor} invited you to a coaching session")
                .paragraph("{title}")
                .paragraph("When: {when}")
                .paragraph("Joining is free: your tutor covers the session.")
                .action("Join session", f.joinLink())
                .build();
        return new LinkedHashSet<>(invited).stream()
                .filter(student -> student != f.session.tutorId())
                .map(student -> f.notice(student, NotificationType.SESSION_INVITATION, message, f.data()))
                .toList();
    }

    private static List<Notice> started(Facts f) {
        Message.Builder forTutor = f.message("Your session has started: {title}")
                .heading("{title} has started")
                .paragraph("Time tracking began when you started the session.");
        if (f.session.endTime() != null) {
            forTutor.paragraph("It is scheduled to end at {end}.");
        }
        Message forStudents = f.message("{title} has started")
                .heading("{title} has started")
                .paragraph("{tutor} has started the session. Join now to take part.")
                .action("Join session", f.joinLink())
                .build();
        return f.tutorAndStudents(NotificationType.SESSION_STARTED,
                forTutor.action("Open session", f.joinLink()).build(), forStudents, f.data());
    }

    private static List<Notice> timeWarnings(Facts f, Long minutesLeft) {
        Message.Builder message = minutesLeft == null
                ? f.message("{title} is about to end").heading("{title} is about to end")
                : f.message("{minutes} minutes left: {title}").heading("{minutes} minutes left in {title}")
                        .value("minutes", minutesLeft);
        if (f.session.endTime() != null) {
            message.paragraph("The session is scheduled to end at {end}.");
        }
        Map<String, Object> data = f.data();
        data.put("minutes_left", minutesLeft);
        Message built = message.action("Open session", f.joinLink()).build();
        return f.tutorAndStudents(NotificationType.SESSION_TIME_WARNING, built, built, data);
    }

    private static List<Notice> ended(Facts f, Long minutesReserved, Long minutesUsed, String reason) {
        Message.Builder summary = f.message("Session summary: {title}").heading("{title} has ended");
        if (AUTO_END.equals(reason)) {
            summary.paragraph("It ended automatically at its scheduled end time.");
        }
        Map<String, Object> data = f.data();
        data.put("reason", reason);
        if (minutesUsed != null) {
            summary.value("used", Hours.format(minutesUsed));
            data.put("hours_used", Hours.of(minutesUsed));
            // Unlimited tiers reserve nothing (0): there is nothing to compare or return.
            if (minutesReserved != null && minutesReserved > 0) {
                summary.paragraph("Hours used: {used} of {reserved} reserved.").value("reserved", Hours.format(minutesReserved));
                data.put("hours_reserved", Hours.of(minutesReserved));
                if (minutesReserved > minutesUsed) {
                    summary.paragraph("The {returned} hours reserved but not used are back in your balance.")
                            .value("returned", Hours.format(minutesReserved - minutesUsed));
                }
            } else {
                summary.paragraph("Hours used: {used}.");
            }
        }
        String sessionPage = f.links.session(f.session.sessionId());
        Message forStudents = f.message("{title} has ended")
                .heading("Thanks for joining {title}")
                .paragraph("The session with {tutor} has ended. Its details stay available in Coachwork.")
                .action("View session", sessionPage)
                .build();
        return f.tutorAndStudents(NotificationType.SESSION_ENDED, summary.action("View session", sessionPage).build(),
                forStudents, data);
    }

    private static List<Notice> cancelled(Facts f, String reason) {
        boolean timed = f.session.startTime() != null;
        boolean explained = Reasons.readable(reason);
        Message.Builder forStudents = f.message("Cancelled: {title}").heading("{title} has been cancelled")
                .paragraph(timed ? "{tutor} cancelled the session planned for {when}." : "{tutor} cancelled the session.");
        Message.Builder forTutor = f.message("Cancelled: {title}").heading("{title} has been cancelled")
                .paragraph(timed ? "The session planned for {when} is cancelled." : "The session is cancelled.")
                .paragraph("Any hours reserved for it are back in your balance.");
        Map<String, Object> data = f.data();
        data.put("reason", reason);
        if (explained) {
            forStudents.paragraph("Reason: {reason}").value("reason", reason.trim());
            forTutor.paragraph("Reason: {reason}").value("reason", reason.trim());
        }
        return f.tutorAndStudents(NotificationType.SESSION_CANCELLED, forTutor.build(), forStudents.build(), data);
    }

    /** The tutor was told "being created" (202); this is the outcome. No student ever heard of the session. */
    private static List<Notice> notCreated(Facts f, String reason) {
        Message.Builder message = f.message("Your session could not be created: {title}")
                .heading("{title} could not be created");
        if (Reasons.readable(reason)) {
            message.paragraph("{reason}").value("reason", reason.trim());
        }
        message.paragraph("No hours were taken from your balance and no student was invited.")
                .action("Buy coaching hours", f.links.buyHours());
        Map<String, Object> data = f.data();
        data.put("reason", reason);
        return List.of(f.notice(f.session.tutorId(), NotificationType.SESSION_CANCELLED, message.build(), data));
    }

    /** What every notice about this session shares: its values, data and recipients. */
    private record Facts(String eventId, CoachingSession session, Links links) {

        String title() {
            return session.title() == null || session.title().isBlank() ? UNTITLED : session.title();
        }

        String joinLink() {
            return links.join(session.sessionId(), session.viewLink());
        }

        Message.Builder message(String subject) {
            Message.Builder builder = Message.subject(subject)
                    .value("title", title())
                    .value("tutor", new Message.Person(session.tutorId(), TUTOR_FALLBACK));
            if (session.startTime() != null) {
                builder.value("when", new Message.When(session.startTime(), session.endTime()));
            }
            if (session.endTime() != null) {
                builder.value("end", session.endTime());
            }
            return builder;
        }

        Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("session_id", session.sessionId());
            data.put("tutor_id", session.tutorId());
            data.put("title", title());
            data.put("status", session.status());
            data.put("start_time", session.startTime());
            data.put("end_time", session.endTime());
            data.put("view_link", joinLink());
            return data;
        }

        Notice notice(long recipient, NotificationType type, Message message, Map<String, Object> data) {
            return new Notice(recipient, type, message, data, Notice.key(eventId, recipient, type));
        }

        List<Notice> tutorAndStudents(NotificationType type, Message forTutor, Message forStudents,
                                      Map<String, Object> data) {
            List<Notice> notices = new ArrayList<>();
            notices.add(notice(session.tutorId(), type, forTutor, data));
            Set<Long> students = new LinkedHashSet<>(session.studentIds());
            students.remove(session.tutorId());
            students.forEach(student -> notices.add(notice(student, type, forStudents, data)));
            return notices;
        }
    }
}

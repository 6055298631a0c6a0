package io.coachwork.notification.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.support.TeachingEvents;
import io.coachwork.notification.template.MessageRenderer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Who is told what about a teaching session (issue 10 item 7, seed 002 §9). */
class TeachingSessionRulesTest {

    private static final long TUTOR = 5;
    private static final long ANA = 8;
    private static final long BEN = 9;
    private static final long CAROL = 10;
    private static final Links LINKS = new Links("https://app.test");
    private static final Map<Long, String> NAMES = Map.of(TUTOR, "Tayo", ANA, "Ana", BEN, "Ben", CAROL, "Carol");
    private static final Instant STARTED = Instant.parse("2024-01-20T14:02:00Z");

    private static TeachingEvents group() {
        // Carol cancelled her seat: she hears nothing more of the session.
        return TeachingEvents.session("ts-1", TUTOR).group().booked(ANA, BEN).participant(CAROL, "CANCELLED", 0);
    }

    private static List<Notice> notices(String type, TeachingSessionEvent event) {
        TeachingSession session = new TeachingSession(event.sessionId(), event.tutorId(), event.title(),
                event.sessionType(), event.status(), event.startsAt(), event.endsAt(), STARTED,
                TeachingSessionRules.bookedStudents(event));
        return TeachingSessionRules.notices("e1", type, event, session, LINKS);
    }

    private static String render(Notice notice) {
        return MessageRenderer.render(notice.message(), NAMES.get(notice.recipientId()), ZoneId.of("UTC"), NAMES).text();
    }

    @Test
    void startingReachesTheTutorAndTheBookedStudents() {
        List<Notice> starting = notices(EventTypes.TEACHING_SESSION_STARTING,
                group().occurredAt(Instant.parse("2024-01-20T13:55:00Z")).build());
        assertThat(starting).extracting(Notice::recipientId).containsExactly(TUTOR, ANA, BEN);
        assertThat(starting).allSatisfy(n -> assertThat(n.type()).isEqualTo(NotificationType.SESSION_STARTING));
        assertThat(starting.get(0).type().event()).isEqualTo("session:starting");
        assertThat(render(starting.get(0))).contains("It starts in 5 minutes, at Saturday, 20 January 2024, 14:00 (UTC).");
        assertThat(render(starting.get(1))).contains("Your session with Tayo starts at Saturday, 20 January 2024, 14:00 (UTC).");
        assertThat(starting.get(1).data()).containsEntry("teaching_session_id", "ts-1").containsEntry("minutes_until_start", 5L)
                .containsEntry("session_link", "https://app.test/teaching/sessions/ts-1");
    }

    @Test
    void startedReachesTheStudentsWhenTheTutorStartedIt() {
        List<Notice> started = notices(EventTypes.TEACHING_SESSION_STARTED, group().status("IN_PROGRESS").by(TUTOR, null).build());
        assertThat(started).extracting(Notice::recipientId, Notice::type).containsExactly(
                tuple(ANA, NotificationType.SESSION_STARTED), tuple(BEN, NotificationType.SESSION_STARTED));
        assertThat(started.get(0).type().event()).isEqualTo("session:started");
        assertThat(render(started.get(0))).contains("Tayo has started the session. Join now.")
                .contains("Join session: https://app.test/teaching/sessions/ts-1");
    }

    @Test
    void completionSendsEveryoneASummaryWithDurationAndAttendance() {
        TeachingSessionEvent completed = group().status("COMPLETED").participant(ANA, "BOOKED", 3300)
                .participant(BEN, "BOOKED", 0).by(TUTOR, null).occurredAt(Instant.parse("2024-01-20T15:00:30Z")).build();
        List<Notice> ended = notices(EventTypes.TEACHING_SESSION_COMPLETED, completed);
        assertThat(ended).extracting(Notice::recipientId).containsExactly(TUTOR, ANA, BEN);
        assertThat(ended).allSatisfy(n -> assertThat(n.type().event()).isEqualTo("session:ended"));
        assertThat(MessageRenderer.render(ended.get(0).message(), "Tayo", ZoneId.of("UTC"), NAMES).subject())
                .isEqualTo("Session summary: Algebra basics");
        assertThat(render(ended.get(0))).contains("Algebra basics has ended").contains("Duration: 59 min.")
                .contains("Ana: attended 55 min.").contains("Ben: attended 0 min.");
        assertThat(render(ended.get(1))).contains("Thanks for joining Algebra basics").contains("You attended 55 min.")
                .doesNotContain("Ben");
        assertThat(render(ended.get(2))).contains("You did not join this session.");
        assertThat(ended.get(0).data()).containsEntry("duration_seconds", 3510L);
        assertThat((List<?>) ended.get(0).data().get("attendance")).hasSize(2);
        assertThat((List<?>) ended.get(1).data().get("attendance")).hasSize(1);
        assertThat(ended.get(0).dedupeKey()).isEqualTo("teaching:ts-1:completed:5:session_ended");
    }

    @Test
    void aChatMessageReachesTheOtherParticipantOnly() {
        TeachingEvents oneToOne = TeachingEvents.session("ts-2", TUTOR).booked(ANA).status("IN_PROGRESS");
        List<Notice> fromStudent = notices(EventTypes.TEACHING_SESSION_MESSAGE,
                oneToOne.by(ANA, "Could we go over question 3 again?").build());
        assertThat(fromStudent).extracting(Notice::recipientId, Notice::type)
                .containsExactly(tuple(TUTOR, NotificationType.SESSION_MESSAGE));
        assertThat(fromStudent.get(0).type().event()).isEqualTo("session:message");
        assertThat(render(fromStudent.get(0))).contains("New message from Ana").contains("Could we go over question 3 again?");
        assertThat(fromStudent.get(0).data()).containsEntry("sender_id", ANA)
                .containsEntry("message", "Could we go over question 3 again?");
        assertThat(fromStudent.get(0).dedupeKey()).isEqualTo("e1:5:session_message");

        List<Notice> fromTutor = notices(EventTypes.TEACHING_SESSION_MESSAGE, oneToOne.by(TUTOR, "Sure.").build());
        assertThat(fromTutor).extracting(Notice::recipientId).containsExactly(ANA);
    }

    @Test
    void aLongMessageIsPreviewedAndKeptWholeInTheData() {
        String text = "x".repeat(500);
        List<Notice> message = notices(EventTypes.TEACHING_SESSION_MESSAGE,
                TeachingEvents.session("ts-2", TUTOR).booked(ANA).by(ANA, text).build());
        String body = MessageRenderer.render(message.get(0).message(), "Tayo", ZoneId.of("UTC"), NAMES).body();
        assertThat(body).hasSize(TeachingSessionRules.PREVIEW_LENGTH).endsWith("…");
        assertThat(message.get(0).data()).containsEntry("message", text);
    }

    @Test
    void aFileReachesTheSessionsOtherPeople() {
        List<Notice> file = notices(EventTypes.TEACHING_SESSION_FILE, group().by(TUTOR, "worksheet-3.pdf").build());
        assertThat(file).extracting(Notice::recipientId, Notice::type).containsExactly(
                tuple(ANA, NotificationType.SESSION_FILE), tuple(BEN, NotificationType.SESSION_FILE));
        assertThat(file.get(0).type().event()).isEqualTo("session:file");
        assertThat(render(file.get(0))).contains("Tayo shared worksheet-3.pdf in Algebra basics.");
        assertThat(file.get(0).data()).containsEntry("file_name", "worksheet-3.pdf").containsEntry("uploaded_by", TUTOR);

        List<Notice> fromStudent = notices(EventTypes.TEACHING_SESSION_FILE,
                TeachingEvents.session("ts-2", TUTOR).booked(ANA).by(ANA, "homework.png").build());
        assertThat(fromStudent).extracting(Notice::recipientId).containsExactly(TUTOR);
    }

    @Test
    void aTutorNoShowTellsEveryoneTheStudentsAreRefunded() {
        List<Notice> noShow = notices(EventTypes.TEACHING_SESSION_NO_SHOW, group().status("NO_SHOW").noShow("TUTOR")
                .participant(BEN, "REFUNDED", 0).build());
        assertThat(noShow).extracting(Notice::recipientId).containsExactly(TUTOR, ANA, BEN);
        assertThat(noShow).allSatisfy(n -> assertThat(n.type()).isEqualTo(NotificationType.SESSION_NO_SHOW));
        assertThat(render(noShow.get(0))).contains("You did not start the session")
                .contains("Every student is refunded in full");
        assertThat(render(noShow.get(1))).contains("Tayo did not start the session").contains("You are refunded in full");
        assertThat(noShow.get(1).data()).containsEntry("no_show", "TUTOR");
    }

    @Test
    void aStudentsNoShowTellsEveryoneTheTutorIsPaid() {
        List<Notice> noShow = notices(EventTypes.TEACHING_SESSION_NO_SHOW,
                TeachingEvents.session("ts-2", TUTOR).booked(ANA).status("NO_SHOW").noShow("STUDENTS").build());
        assertThat(noShow).extracting(Notice::recipientId).containsExactly(TUTOR, ANA);
        assertThat(render(noShow.get(0))).contains("No student joined the session").contains("You are still paid");
        assertThat(render(noShow.get(1))).contains("You did not join the session with Tayo")
                .contains("not refunded: the tutor was there and is paid");
    }

    @Test
    void schedulingParticipantsAndCancellationOnlyMoveReminders() {
        for (String type : List.of(EventTypes.TEACHING_SESSION_SCHEDULED, EventTypes.TEACHING_PARTICIPANT_JOINED,
                EventTypes.TEACHING_PARTICIPANT_LEFT, EventTypes.TEACHING_SESSION_CANCELLED)) {
            assertThat(notices(type, group().build())).as(type).isEmpty();
        }
    }

    @Test
    void bookedStudentsAreThoseStillBookedOnceEachAndNeverTheTutor() {
        TeachingSessionEvent event = TeachingEvents.session("ts-3", TUTOR).booked(ANA, BEN, TUTOR)
                .participant(CAROL, "REFUNDED", 0).build();
        assertThat(TeachingSessionRules.bookedStudents(event)).containsExactly(ANA, BEN);
    }
}

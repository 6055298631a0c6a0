package io.coachwork.notification.coaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.coaching.CoachingSessionEvent;
import io.coachwork.notification.dispatch.Links;
import io.coachwork.notification.dispatch.Notice;
import io.coachwork.notification.dispatch.NotificationType;
import io.coachwork.notification.template.MessageRenderer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Who is told what about a coaching session. */
class CoachingSessionRulesTest {

    private static final long TUTOR = 5;
    private static final Links LINKS = new Links("https://app.test");
    private static final Instant START = Instant.parse("2024-01-20T14:00:00Z");
    private static final Instant END = Instant.parse("2024-01-20T15:00:00Z");
    private static final String VIEW = "https://app.stream.io/coaching/session/coaching_5_abc123";

    private static CoachingSessionEvent event(List<Long> students, Long minutesLeft, Long reserved, Long used, String reason) {
        return new CoachingSessionEvent(9, TUTOR, "JavaScript Fundamentals Review", "scheduled", START, END,
                "coaching_9", VIEW, students, minutesLeft, reserved, used, reason);
    }

    private static CoachingSession session(String status, Long... students) {
        return new CoachingSession(9, TUTOR, "JavaScript Fundamentals Review", status, START, END, VIEW, List.of(students));
    }

    private static String render(Notice notice, String name) {
        return MessageRenderer.render(notice.message(), name, ZoneId.of("UTC"), Map.of(TUTOR, "Tayo")).text();
    }

    @Test
    void onlyNewlyInvitedStudentsAreInvitedAndNeverTheTutor() {
        List<Notice> created = CoachingSessionRules.notices("e1", EventTypes.COACHING_SESSION_CREATED,
                event(List.of(1L, 2L, 2L, TUTOR), null, 60L, null, null), session("scheduled", 1L, 2L), LINKS);
        assertThat(created).extracting(Notice::recipientId, Notice::type).containsExactly(
                tuple(1L, NotificationType.SESSION_INVITATION), tuple(2L, NotificationType.SESSION_INVITATION));
        assertThat(created.get(0).dedupeKey()).isEqualTo("e1:1:session_invitation");
        assertThat(render(created.get(0), "John")).contains("Tayo invited you to a coaching session")
                .contains("Join session: " + VIEW);

        List<Notice> invited = CoachingSessionRules.notices("e2", EventTypes.COACHING_SESSION_STUDENTS_INVITED,
                event(List.of(3L), null, null, null, null), session("scheduled", 1L, 2L, 3L), LINKS);
        assertThat(invited).extracting(Notice::recipientId).containsExactly(3L);
    }

    @Test
    void startedReachesTheTutorAndEveryInvitedStudent() {
        List<Notice> started = CoachingSessionRules.notices("e3", EventTypes.COACHING_SESSION_STARTED,
                event(null, null, null, null, null), session("active", 1L, 2L), LINKS);
        assertThat(started).extracting(Notice::recipientId).containsExactly(TUTOR, 1L, 2L);
        assertThat(started).allSatisfy(n -> assertThat(n.type().event()).isEqualTo("session:started"));
        assertThat(render(started.get(1), "John")).contains("Tayo has started the session. Join now");
        assertThat(started.get(1).data()).containsEntry("session_id", 9L).containsEntry("view_link", VIEW)
                .containsEntry("start_time", START);
    }

    @Test
    void timeWarningsTellEveryoneTheMinutesLeft() {
        List<Notice> warnings = CoachingSessionRules.notices("e4", EventTypes.COACHING_SESSION_TIME_WARNING,
                event(null, 10L, null, null, null), session("active", 1L), LINKS);
        assertThat(warnings).extracting(Notice::recipientId).containsExactly(TUTOR, 1L);
        assertThat(warnings.get(0).type().event()).isEqualTo("session:time_warning");
        assertThat(warnings.get(0).data()).containsEntry("minutes_left", 10L);
        assertThat(MessageRenderer.render(warnings.get(1).message(), "John", ZoneId.of("UTC"), Map.of()).title())
                .isEqualTo("10 minutes left in JavaScript Fundamentals Review");
    }

    @Test
    void theTutorGetsAnEndSummaryOfHoursUsedAndReturned() {
        List<Notice> ended = CoachingSessionRules.notices("e5", EventTypes.COACHING_SESSION_ENDED,
                event(null, null, 60L, 45L, null), session("ended", 1L), LINKS);
        assertThat(ended).extracting(Notice::recipientId, Notice::type).containsExactly(
                tuple(TUTOR, NotificationType.SESSION_ENDED), tuple(1L, NotificationType.SESSION_ENDED));
        assertThat(render(ended.get(0), "Tayo")).contains("Hours used: 0.75 of 1.0 reserved.")
                .contains("The 0.25 hours reserved but not used are back in your balance.");
        assertThat(render(ended.get(1), "John")).contains("Thanks for joining JavaScript Fundamentals Review")
                .contains("https://app.test/coaching/sessions/9");
    }

    @Test
    void cancellationReachesStudentsAndTheTutorWithTheReason() {
        List<Notice> cancelled = CoachingSessionRules.notices("e6", EventTypes.COACHING_SESSION_CANCELLED,
                event(null, null, null, null, "Tutor unwell"), session("cancelled", 1L, 2L), LINKS);
        assertThat(cancelled).extracting(Notice::recipientId).containsExactly(TUTOR, 1L, 2L);
        assertThat(cancelled).allSatisfy(n -> assertThat(n.type().event()).isEqualTo("session:cancelled"));
        assertThat(render(cancelled.get(1), "John")).contains("Tayo cancelled the session planned for Saturday, 20 January 2024, 14:00–15:00 (UTC).")
                .contains("Reason: Tutor unwell");
        assertThat(render(cancelled.get(0), "Tayo")).contains("Any hours reserved for it are back in your balance.");
    }

    @Test
    void reasonCodesStayInTheDataButPeopleOnlyReadWrittenReasons() {
        List<Notice> cancelled = CoachingSessionRules.notices("e8", EventTypes.COACHING_SESSION_CANCELLED,
                event(List.of(1L), null, 60L, null, "cancelled_by_tutor"), session("cancelled", 1L), LINKS);
        assertThat(render(cancelled.get(1), "John")).doesNotContain("Reason").doesNotContain("cancelled_by_tutor");
        assertThat(cancelled.get(1).data()).containsEntry("reason", "cancelled_by_tutor");

        List<Notice> autoEnded = CoachingSessionRules.notices("e9", EventTypes.COACHING_SESSION_ENDED,
                event(List.of(1L), null, 60L, 60L, "auto_end"), session("ended", 1L), LINKS);
        assertThat(render(autoEnded.get(0), "Tayo")).contains("It ended automatically at its scheduled end time.")
                .contains("Hours used: 1.0 of 1.0 reserved.").doesNotContain("back in your balance");
    }

    @Test
    void anUnlimitedTutorsSummaryShowsHoursUsedOnly() {
        List<Notice> ended = CoachingSessionRules.notices("e10", EventTypes.COACHING_SESSION_ENDED,
                event(List.of(), null, 0L, 50L, "ended_by_tutor"), session("ended"), LINKS);
        assertThat(ended).hasSize(1);
        assertThat(render(ended.get(0), "Tayo")).contains("Hours used: 0.83.").doesNotContain("reserved");
    }

    @Test
    void aCreationTheWalletRefusedIsExplainedToTheTutorAlone() {
        String refusal = "Insufficient coaching hours. Required: 1.0, Available: 0.5. Please purchase more hours.";
        CoachingSessionEvent failed = new CoachingSessionEvent(9, TUTOR, "JavaScript Fundamentals Review", "failed",
                START, END, "coaching_9", VIEW, List.of(), null, 60L, null, refusal);
        String status = CoachingSessionRules.statusAfter(EventTypes.COACHING_SESSION_CANCELLED, "failed");
        assertThat(status).isEqualTo("failed");
        List<Notice> notices = CoachingSessionRules.notices("e11", EventTypes.COACHING_SESSION_CANCELLED, failed,
                session(status, 1L), LINKS);
        assertThat(notices).extracting(Notice::recipientId).containsExactly(TUTOR);
        assertThat(render(notices.get(0), "Tayo")).contains("JavaScript Fundamentals Review could not be created")
                .contains(refusal).contains("Buy coaching hours: https://app.test/tutor/coaching/hours");
    }

    @Test
    void lifecycleEventsSetTheStatusAndOthersKeepWhatTheEventSays() {
        assertThat(CoachingSessionRules.statusAfter(EventTypes.COACHING_SESSION_STARTED, "scheduled")).isEqualTo("active");
        assertThat(CoachingSessionRules.statusAfter(EventTypes.COACHING_SESSION_ENDED, null)).isEqualTo("ended");
        assertThat(CoachingSessionRules.statusAfter(EventTypes.COACHING_SESSION_CANCELLED, null)).isEqualTo("cancelled");
        assertThat(CoachingSessionRules.statusAfter(EventTypes.COACHING_SESSION_CREATED, "SCHEDULED")).isEqualTo("scheduled");
        assertThat(CoachingSessionRules.statusAfter(EventTypes.COACHING_SESSION_STUDENTS_INVITED, null)).isNull();
    }

    @Test
    void aSessionWithoutACallLinkPointsToItsPageInTheApp() {
        CoachingSession noLink = new CoachingSession(9, TUTOR, null, "scheduled", START, END, null, List.of(1L));
        List<Notice> invited = CoachingSessionRules.notices("e7", EventTypes.COACHING_SESSION_CREATED,
                event(List.of(1L), null, null, null, null), noLink, LINKS);
        assertThat(invited.get(0).data()).containsEntry("view_link", "https://app.test/coaching/sessions/9")
                .containsEntry("title", "Coaching session");
    }
}

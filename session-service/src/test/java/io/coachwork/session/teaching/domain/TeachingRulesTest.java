package io.coachwork.session.teaching.domain;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static io.coachwork.session.teaching.domain.Sessions.TUTOR;
import static io.coachwork.session.teaching.domain.Sessions.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeachingRulesTest {

    private static final TeachingTimes TIMES = TeachingTimes.DEFAULTS;

    @Test
    void aSeatIsTakenWhileThereIsRoomAndTheSessionIsNotOver() {
        TeachingSession s = Sessions.scheduled(SessionType.GROUP, 3);
        assertThat(TeachingRules.seatRefusal(s, 2, at(-60))).isEmpty();
        assertThat(TeachingRules.seatRefusal(s, 3, at(-60))).contains("Session full");
        assertThat(TeachingRules.seatRefusal(s.started(at(0)), 0, at(10))).isEmpty();
        assertThat(TeachingRules.seatRefusal(s, 0, at(60))).contains(TeachingRules.SESSION_OVER);
        assertThat(TeachingRules.seatRefusal(s.cancelled("ill", at(-60)), 0, at(-30))).contains("Session cancelled");
        assertThat(TeachingRules.seatRefusal(s.started(at(0)).completed(at(30), at(30)), 0, at(40)))
                .contains(TeachingRules.SESSION_OVER);
        assertThat(TeachingRules.seatRefusal(s.noShow(NoShow.TUTOR, at(15), at(15)), 0, at(20)))
                .contains(TeachingRules.SESSION_OVER);
    }

    @Test
    void theTutorStartsFromTheLeadUntilTheNoShowDeadline() {
        TeachingSession s = Sessions.scheduled();
        assertThatThrownBy(() -> TeachingRules.checkStart(s, at(-6), TIMES))
                .isInstanceOfSatisfying(TeachingRuleViolation.class, v -> {
                    assertThat(v.kind()).isEqualTo(TeachingRuleViolation.Kind.REFUSED);
                    assertThat(v).hasMessageContaining("5 minutes before its start time");
                });
        assertThatCode(() -> TeachingRules.checkStart(s, at(-5), TIMES)).doesNotThrowAnyException();
        assertThatCode(() -> TeachingRules.checkStart(s, at(14), TIMES)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TeachingRules.checkStart(s, at(15), TIMES))
                .isInstanceOfSatisfying(TeachingRuleViolation.class,
                        v -> assertThat(v.kind()).isEqualTo(TeachingRuleViolation.Kind.CONFLICT))
                .hasMessageContaining("no-show");
        assertThatThrownBy(() -> TeachingRules.checkStart(s.started(at(0)), at(1), TIMES))
                .hasMessage("Session is IN_PROGRESS and cannot be started");
    }

    @Test
    void aLongerLeadIsHonoured() {
        TeachingTimes early = new TeachingTimes(Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofMinutes(15),
                Duration.ofMinutes(5));
        assertThatCode(() -> TeachingRules.checkStart(Sessions.scheduled(), at(-30), early)).doesNotThrowAnyException();
    }

    @Test
    void onlyAnUnstartedSessionIsCancelled() {
        TeachingSession s = Sessions.scheduled();
        assertThat(TeachingRules.cancelRefusal(s)).isEmpty();
        assertThat(TeachingRules.cancelRefusal(s.cancelled(null, at(-10)))).isEmpty();
        assertThat(TeachingRules.cancelRefusal(s.started(at(0)))).contains("Session has already started");
        assertThat(TeachingRules.cancelRefusal(s.noShow(NoShow.TUTOR, at(15), at(15)))).contains(TeachingRules.SESSION_OVER);
    }

    @Test
    void theCallIsOpenOnlyWhileTheSessionRuns() {
        TeachingSession s = Sessions.scheduled();
        assertThatThrownBy(() -> TeachingRules.checkJoin(s)).hasMessage("Session has not started yet");
        assertThatCode(() -> TeachingRules.checkJoin(s.started(at(0)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> TeachingRules.checkJoin(s.started(at(0)).completed(at(50), at(50))))
                .hasMessage(TeachingRules.SESSION_OVER);
        assertThatThrownBy(() -> TeachingRules.checkJoin(s.cancelled(null, at(-5)))).hasMessage("Session cancelled");
    }

    @Test
    void aTokenLastsUntilAutoCompletionNeverLessThanTenMinutesNorMoreThanADay() {
        TeachingSession s = Sessions.running(at(0));
        assertThat(TeachingRules.tokenTtl(s, at(0), TIMES)).isEqualTo(Duration.ofMinutes(75));
        assertThat(TeachingRules.tokenTtl(s, at(70), TIMES)).isEqualTo(Duration.ofMinutes(10));
        assertThat(TeachingRules.tokenTtl(s, at(-3 * 24 * 60), TIMES)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void groupSessionsHaveNoChatAndOnlyTheTutorUploads() {
        TeachingSession group = Sessions.scheduled(SessionType.GROUP, 5);
        TeachingSession single = Sessions.scheduled(SessionType.ONE_TO_ONE, 1);
        assertThatThrownBy(() -> TeachingRules.checkChat(group))
                .isInstanceOfSatisfying(TeachingRuleViolation.class,
                        v -> assertThat(v.kind()).isEqualTo(TeachingRuleViolation.Kind.FORBIDDEN))
                .hasMessageContaining("GROUP sessions have no chat");
        assertThatCode(() -> TeachingRules.checkChat(single)).doesNotThrowAnyException();
        assertThatCode(() -> TeachingRules.checkUpload(group, TUTOR)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TeachingRules.checkUpload(group, 99)).hasMessageContaining("Only the tutor");
        assertThatCode(() -> TeachingRules.checkUpload(single, 99)).doesNotThrowAnyException();
        assertThatCode(() -> TeachingRules.checkDeleteFile(single, 99, 99)).doesNotThrowAnyException();
        assertThatCode(() -> TeachingRules.checkDeleteFile(single, 99, TUTOR)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TeachingRules.checkDeleteFile(single, TUTOR, 99)).hasMessageContaining("uploader");
        assertThatThrownBy(() -> TeachingRules.checkCollaboration(single.cancelled(null, at(-1))))
                .hasMessage("Session is CANCELLED");
    }
}

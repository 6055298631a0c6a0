package io.coachwork.session.teaching.domain;

import java.util.Optional;
import org.junit.jupiter.api.Test;

import static io.coachwork.session.teaching.domain.Sessions.END;
import static io.coachwork.session.teaching.domain.Sessions.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 002 §10 and seed 001's no-show rules, as {@link NoShowPolicy} writes them down. */
class NoShowPolicyTest {

    private static final TeachingTimes TIMES = TeachingTimes.DEFAULTS;

    @Test
    void aSessionTheTutorNeverStartedIsATutorNoShowFifteenMinutesAfterItsStart() {
        TeachingSession s = Sessions.scheduled();
        assertThat(NoShowPolicy.due(s, false, at(14), TIMES)).isEmpty();
        assertThat(NoShowPolicy.due(s, false, at(15), TIMES))
                .contains(new NoShowPolicy.Outcome(TeachingStatus.NO_SHOW, NoShow.TUTOR, at(15)));
        // Run late, it is still dated at the deadline.
        assertThat(NoShowPolicy.due(s, false, at(300), TIMES))
                .contains(new NoShowPolicy.Outcome(TeachingStatus.NO_SHOW, NoShow.TUTOR, at(15)));
    }

    @Test
    void aStartedSessionNoStudentJoinedIsAStudentNoShowAtItsEnd() {
        TeachingSession s = Sessions.running(at(0));
        assertThat(NoShowPolicy.due(s, false, at(59), TIMES)).isEmpty();
        assertThat(NoShowPolicy.due(s, false, END, TIMES))
                .contains(new NoShowPolicy.Outcome(TeachingStatus.NO_SHOW, NoShow.STUDENTS, END));
    }

    @Test
    void aSessionStudentsJoinedIsCompletedAtItsEndOnceTheGraceHasPassed() {
        TeachingSession s = Sessions.running(at(0));
        assertThat(NoShowPolicy.due(s, true, END, TIMES)).isEmpty();
        assertThat(NoShowPolicy.due(s, true, at(74), TIMES)).isEmpty();
        assertThat(NoShowPolicy.due(s, true, at(75), TIMES))
                .contains(new NoShowPolicy.Outcome(TeachingStatus.COMPLETED, null, END));
    }

    @Test
    void finishedSessionsAreLeftAlone() {
        TeachingSession s = Sessions.scheduled();
        assertThat(NoShowPolicy.due(s.cancelled(null, at(-10)), false, at(100), TIMES)).isEqualTo(Optional.empty());
        assertThat(NoShowPolicy.due(s.started(at(0)).completed(at(50), at(50)), false, at(100), TIMES)).isEmpty();
        assertThat(NoShowPolicy.due(s.noShow(NoShow.TUTOR, at(15), at(15)), false, at(100), TIMES)).isEmpty();
    }

    @Test
    void theTutorCompletesOnceAStudentJoinedOrFromTheEndAsAStudentNoShow() {
        TeachingSession s = Sessions.running(at(0));
        assertThat(NoShowPolicy.onTutorComplete(s, true, at(20)))
                .isEqualTo(new NoShowPolicy.Outcome(TeachingStatus.COMPLETED, null, at(20)));
        assertThatThrownBy(() -> NoShowPolicy.onTutorComplete(s, false, at(20)))
                .isInstanceOfSatisfying(TeachingRuleViolation.class,
                        v -> assertThat(v.kind()).isEqualTo(TeachingRuleViolation.Kind.CONFLICT))
                .hasMessageContaining("No student has joined yet");
        assertThat(NoShowPolicy.onTutorComplete(s, false, at(61)))
                .isEqualTo(new NoShowPolicy.Outcome(TeachingStatus.NO_SHOW, NoShow.STUDENTS, at(61)));
        assertThatThrownBy(() -> NoShowPolicy.onTutorComplete(Sessions.scheduled(), true, at(1)))
                .hasMessage("Session is SCHEDULED and cannot be completed");
    }
}

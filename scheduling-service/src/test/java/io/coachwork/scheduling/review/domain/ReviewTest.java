package io.coachwork.scheduling.review.domain;

import io.coachwork.scheduling.support.InvalidInput;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewTest {

    private static final Instant T0 = Instant.parse("2031-03-03T10:00:00Z");
    private static final Instant T1 = Instant.parse("2031-03-04T10:00:00Z");
    private static final long TUTOR = 7;

    private static Review review() {
        return new Review(1, "s-1", 20, TUTOR, "Ada", 4, ReviewDraft.Categories.NONE, "Good", null, null, false, null,
                null, T0, T0);
    }

    @Test
    void theTutorAnswersOnce() {
        Review answered = review().respond(TUTOR, " Thank you ", T1);
        assertThat(answered.response()).isEqualTo("Thank you");
        assertThat(answered.respondedAt()).isEqualTo(T1);
        assertThatThrownBy(() -> answered.respond(TUTOR, "Again", T1))
                .isInstanceOfSatisfying(ReviewRefused.class, e -> assertThat(e.kind()).isEqualTo(ReviewRefused.Kind.CONFLICT))
                .hasMessage("You have already answered this review");
    }

    @Test
    void onlyTheReviewedTutorAnswersAndNotWithBlankText() {
        assertThatThrownBy(() -> review().respond(20, "Me too", T1))
                .isInstanceOfSatisfying(ReviewRefused.class, e -> assertThat(e.kind()).isEqualTo(ReviewRefused.Kind.FORBIDDEN));
        assertThatThrownBy(() -> review().respond(TUTOR, "  ", T1))
                .isInstanceOf(InvalidInput.class).hasMessage("response is required");
    }

    @Test
    void hidingNeedsAReasonAndHappensOnceUntilShownAgain() {
        assertThatThrownBy(() -> review().hide(null, T1)).isInstanceOf(InvalidInput.class).hasMessage("reason is required");
        Review hidden = review().hide("Abusive language", T1);
        assertThat(hidden.hidden()).isTrue();
        assertThat(hidden.hiddenReason()).isEqualTo("Abusive language");
        assertThat(hidden.hiddenAt()).isEqualTo(T1);
        assertThatThrownBy(() -> hidden.hide("again", T1)).isInstanceOf(ReviewRefused.class)
                .hasMessage("This review is already hidden");
        Review shown = hidden.unhide(T1);
        assertThat(shown.hidden()).isFalse();
        assertThat(shown.hiddenReason()).isNull();
        assertThatThrownBy(() -> shown.unhide(T1)).isInstanceOf(ReviewRefused.class).hasMessage("This review is not hidden");
    }
}

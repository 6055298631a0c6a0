package io.coachwork.scheduling.review.domain;

import io.coachwork.scheduling.support.InvalidInput;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewDraftTest {

    @Test
    void anOverallRatingWithCategoriesAndAComment() {
        ReviewDraft draft = ReviewDraft.of(BigDecimal.valueOf(4), Map.of("knowledge", BigDecimal.valueOf(5),
                "value", new BigDecimal("3.0")), "  Clear and patient  ");
        assertThat(draft.rating()).isEqualTo(4);
        assertThat(draft.categories().asMap()).containsExactly(Map.entry("knowledge", 5), Map.entry("value", 3));
        assertThat(draft.comment()).isEqualTo("Clear and patient");
        assertThat(ReviewDraft.of(BigDecimal.ONE, null, "  ").categories()).isEqualTo(ReviewDraft.Categories.NONE);
        assertThat(ReviewDraft.of(BigDecimal.ONE, null, null).comment()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "-1", "4.5", "9223372036854775808", "1e400"})
    void theOverallRatingIsAWholeNumberFromOneToFive(String rating) {
        assertThatThrownBy(() -> ReviewDraft.of(new BigDecimal(rating), null, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("rating"));
    }

    @Test
    void aMissingRatingIsNamed() {
        assertThatThrownBy(() -> ReviewDraft.of(null, null, "Great"))
                .isInstanceOf(InvalidInput.class).hasMessage("rating is required");
    }

    @Test
    void categoriesAreKnownAndRatedOneToFive() {
        assertThatThrownBy(() -> ReviewDraft.of(BigDecimal.ONE, Map.of("charisma", BigDecimal.ONE), null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("categories"));
        assertThatThrownBy(() -> ReviewDraft.of(BigDecimal.ONE, Map.of("punctuality", BigDecimal.valueOf(6)), null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("categories.punctuality"))
                .hasMessage("categories.punctuality must be between 1 and 5");
    }

    @Test
    void commentsWithNulOrOverTheLimitAreRefused() {
        assertThatThrownBy(() -> ReviewDraft.of(BigDecimal.ONE, null, "bad\0text"))
                .isInstanceOf(InvalidInput.class).hasMessage("comment must not contain NUL characters");
        assertThatThrownBy(() -> ReviewDraft.of(BigDecimal.ONE, null, "x".repeat(ReviewDraft.MAX_COMMENT + 1)))
                .isInstanceOf(InvalidInput.class).hasMessage("comment must be at most 5000 characters");
        assertThat(ReviewDraft.of(BigDecimal.ONE, null, "x".repeat(ReviewDraft.MAX_COMMENT)).comment()).hasSize(5000);
    }
}

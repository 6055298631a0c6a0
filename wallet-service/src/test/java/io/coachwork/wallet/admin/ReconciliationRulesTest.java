package io.coachwork.wallet.admin;

import io.coachwork.wallet.admin.ReconciliationRules.Discrepancy;
import io.coachwork.wallet.admin.ReconciliationRules.TutorMinutes;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationRulesTest {

    @Test
    void minutesThatAddUpAreFine() {
        // Bought 300, 45 used by a settled session, 60 held by a scheduled one: 195 left.
        assertThat(ReconciliationRules.check(new TutorMinutes(7, 300, 45, 60, 195, 60))).isEmpty();
    }

    @Test
    void minutesAppearingFromNowhereAreReported() {
        List<Discrepancy> found = ReconciliationRules.check(new TutorMinutes(7, 300, 45, 60, 200, 60));
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.check()).isEqualTo(ReconciliationRules.HOURS_IDENTITY);
            assertThat(d.expected()).isEqualTo(195);
            assertThat(d.actual()).isEqualTo(200);
            assertThat(d.subject()).startsWith("tutor 7");
        });
    }

    @Test
    void aHeldAccountThatDisagreesWithTheOpenHoldsIsReported() {
        List<Discrepancy> found = ReconciliationRules.check(new TutorMinutes(7, 300, 0, 60, 240, 120));
        assertThat(found).extracting(Discrepancy::check).containsExactly(ReconciliationRules.HELD_VS_HOLDS);
    }
}

package io.coachwork.session.settings;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Partial updates of the coaching settings and the price kept in minor units. */
class CoachingSettingsTest {

    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private static final CoachingSettings DEFAULTS = new CoachingSettings(1000, "NGN", 60, 10, true, CREATED, CREATED);

    @Test
    void thePriceIsShownInMajorUnitsWithAtLeastOneDecimal() {
        assertThat(DEFAULTS.pricePerHour()).hasToString("10.0");
        assertThat(new CoachingSettings(1250, "USD", 60, 10, true, CREATED, CREATED).pricePerHour()).hasToString("12.5");
        assertThat(new CoachingSettings(1999, "USD", 60, 10, true, CREATED, CREATED).pricePerHour()).hasToString("19.99");
        assertThat(new CoachingSettings(1500, "JPY", 60, 10, true, CREATED, CREATED).pricePerHour()).hasToString("1500.0");
    }

    @Test
    void onlyTheFieldsSentChange() {
        CoachingSettings updated = DEFAULTS.apply(update(new BigDecimal("15.0"), null, null, null, null), NOW);
        assertThat(updated.pricePerHourMinor()).isEqualTo(1500);
        assertThat(updated.currency()).isEqualTo("NGN");
        assertThat(updated.defaultDurationMinutes()).isEqualTo(60);
        assertThat(updated.warningThresholdMinutes()).isEqualTo(10);
        assertThat(updated.autoEndEnabled()).isTrue();
        assertThat(updated.createdAt()).isEqualTo(CREATED);
        assertThat(updated.updatedAt()).isEqualTo(NOW);

        CoachingSettings others = DEFAULTS.apply(update(null, "usd", 90, 15, false), NOW);
        assertThat(others.pricePerHourMinor()).isEqualTo(1000);
        assertThat(others.currency()).isEqualTo("USD");
        assertThat(others.defaultDurationMinutes()).isEqualTo(90);
        assertThat(others.warningThresholdMinutes()).isEqualTo(15);
        assertThat(others.autoEndEnabled()).isFalse();
    }

    @Test
    void aCurrencyWithoutDecimalsTakesOnlyWholeAmounts() {
        CoachingSettings yen = DEFAULTS.apply(update(new BigDecimal("1500"), "JPY", null, null, null), NOW);
        assertThat(yen.pricePerHourMinor()).isEqualTo(1500);
        assertThatThrownBy(() -> DEFAULTS.apply(update(new BigDecimal("10.5"), "JPY", null, null, null), NOW))
                .hasMessage("price_per_hour has more decimals than JPY allows");
    }

    @Test
    void invalidValuesAreRefusedNamingTheField() {
        assertRefused(update(BigDecimal.ZERO, null, null, null, null), "price_per_hour", "price_per_hour must be greater than 0");
        assertRefused(update(new BigDecimal("-1"), null, null, null, null), "price_per_hour", "price_per_hour must be greater than 0");
        assertRefused(update(new BigDecimal("9.999"), null, null, null, null), "price_per_hour",
                "price_per_hour can have at most 2 decimals");
        assertRefused(update(null, "NAIRA", null, null, null), "currency", "currency must be an ISO 4217 code such as NGN or USD");
        assertRefused(update(null, "XXX", null, null, null), "currency", "currency must be an ISO 4217 code such as NGN or USD");
        assertRefused(update(null, null, 14, null, null), "default_duration_minutes",
                "default_duration_minutes must be between 15 and 480");
        assertRefused(update(null, null, 481, null, null), "default_duration_minutes",
                "default_duration_minutes must be between 15 and 480");
        assertRefused(update(null, null, null, 0, null), "warning_threshold_minutes",
                "warning_threshold_minutes must be between 1 and 60");
        assertThat(DEFAULTS.apply(update(new BigDecimal("10.50"), null, 15, 60, null), NOW).pricePerHourMinor()).isEqualTo(1050);
    }

    @Test
    void anEmptyUpdateIsRecognised() {
        assertThat(update(null, null, null, null, null).isEmpty()).isTrue();
        assertThat(update(null, null, null, null, false).isEmpty()).isFalse();
    }

    private static CoachingSettings.SettingsUpdate update(BigDecimal price, String currency, Integer duration,
                                                          Integer warning, Boolean autoEnd) {
        return new CoachingSettings.SettingsUpdate(price, currency, duration, warning, autoEnd);
    }

    private static void assertRefused(CoachingSettings.SettingsUpdate update, String field, String message) {
        assertThatThrownBy(() -> DEFAULTS.apply(update, NOW))
                .isInstanceOfSatisfying(CoachingSettings.InvalidSettings.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessage(message);
    }
}

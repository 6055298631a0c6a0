package io.coachwork.contracts.coaching;

import java.time.Instant;

/** The admin's coaching settings after a change; wallet-service prices hour purchases with it. */
public record CoachingSettingsUpdated(long pricePerHourMinor, String currency, int defaultDurationMinutes,
                                      int warningThresholdMinutes, boolean autoEndEnabled, Instant updatedAt) {
}

package io.coachwork.scheduling.availability.domain;

import java.util.Arrays;

/** Seed 002's session types and their seat limits. */
public enum SessionType {
    ONE_TO_ONE(1),
    GROUP(20);

    private final int maxParticipants;

    SessionType(int maxParticipants) {
        this.maxParticipants = maxParticipants;
    }

    public int maxParticipants() {
        return maxParticipants;
    }

    public static SessionType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new AvailabilityRuleViolation("session_type", "session_type is required (ONE_TO_ONE or GROUP)");
        }
        return Arrays.stream(values()).filter(type -> type.name().equals(text)).findFirst()
                .orElseThrow(() -> new AvailabilityRuleViolation("session_type",
                        "session_type must be ONE_TO_ONE or GROUP, got \"" + text + "\""));
    }
}

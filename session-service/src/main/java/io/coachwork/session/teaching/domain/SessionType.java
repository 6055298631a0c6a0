package io.coachwork.session.teaching.domain;

import java.util.Optional;

/** Seed 002: ONE_TO_ONE (chat, both upload, the student publishes video) or GROUP (up to 20, no chat, tutor uploads). */
public enum SessionType {
    ONE_TO_ONE, GROUP;

    public static Optional<SessionType> parse(String value) {
        for (SessionType t : values()) {
            if (t.name().equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

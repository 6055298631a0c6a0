package io.coachwork.wallet.saga;

/** A session's hold of a tutor's minutes: {@code held}, then {@code settled} or {@code released}. */
public record Hold(long sessionId, long tutorId, String sagaId, long minutes, boolean unlimited, String status,
                   long usedMinutes, long releasedMinutes) {

    public static final String HELD = "held";
    public static final String SETTLED = "settled";
    public static final String RELEASED = "released";

    public boolean held() {
        return HELD.equals(status);
    }
}

package io.coachwork.scheduling.review.domain;

/** A review rule the caller broke: not theirs to do ({@code FORBIDDEN}) or not in this state ({@code CONFLICT}). */
public class ReviewRefused extends RuntimeException {

    public enum Kind { FORBIDDEN, CONFLICT }

    private final Kind kind;

    public ReviewRefused(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package io.coachwork.scheduling.availability.domain;

import java.time.Instant;

/** Time already taken [start, end): a booked session or an explicit slot. */
public record Busy(Instant start, Instant end) {

    public Busy {
        if (start == null || end == null || !end.isAfter(start)) {
            throw new IllegalArgumentException("A busy interval ends after it starts: " + start + " - " + end);
        }
    }
}

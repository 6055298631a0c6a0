package io.coachwork.scheduling.availability.domain;

import java.time.Instant;
import java.time.LocalDateTime;

/** A time a student can book: [start, end) as instants, and its start on the tutor's wall clock. */
public record BookableTime(Instant start, Instant end, LocalDateTime localStart) {
}

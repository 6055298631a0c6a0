package io.coachwork.contracts.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code coachwork.scheduling.profile.*} events (key = tutor id): an admin's decision on a
 * tutor's application. {@code reason} is set on rejections; rates are in minor units of {@code currency}.
 */
public record TutorProfileEvent(long tutorId, String status, String displayName, String timeZone,
                                List<String> subjects, Long hourlyRateMinor, String currency,
                                boolean acceptingStudents, long decidedBy, String reason, Instant decidedAt) {
}

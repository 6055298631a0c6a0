package io.coachwork.session.teaching.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The no-show and completion policy (seed 002 §10, seed 001), one place for the jobs and the tutor:
 * <ul>
 *   <li>A session the tutor has not started {@code tutorNoShowAfter} (15 min) after its start time is
 *       {@code NO_SHOW/TUTOR}: every student is refunded in full, the tutor earns nothing.</li>
 *   <li>A started session that reaches its end time without any student ever having joined is
 *       {@code NO_SHOW/STUDENTS}: the tutor kept the slot and is paid.</li>
 *   <li>A started session some student joined, still running {@code completeGrace} after its end,
 *       is {@code COMPLETED} at its end time (the booked window is what ran).</li>
 *   <li>The tutor completes a session any time once a student has joined; with nobody joined, only
 *       from the end time on, and then it is {@code NO_SHOW/STUDENTS} (a tutor cannot start and end
 *       an empty session early to be paid for it).</li>
 * </ul>
 */
public final class NoShowPolicy {

    private NoShowPolicy() {
    }

    /** What a session becomes and as of when. {@code noShow} is null for a completion. */
    public record Outcome(TeachingStatus status, NoShow noShow, Instant at) {

        static Outcome completed(Instant at) {
            return new Outcome(TeachingStatus.COMPLETED, null, at);
        }

        static Outcome noShow(NoShow who, Instant at) {
            return new Outcome(TeachingStatus.NO_SHOW, who, at);
        }
    }

    /** From this instant an unstarted session is a tutor no-show. */
    public static Instant tutorDeadline(TeachingSession s, TeachingTimes times) {
        return s.startsAt().plus(times.tutorNoShowAfter());
    }

    /** What the lifecycle job does to {@code s} at {@code now}, if anything. */
    public static Optional<Outcome> due(TeachingSession s, boolean anyStudentJoined, Instant now, TeachingTimes times) {
        if (s.status() == TeachingStatus.SCHEDULED) {
            Instant deadline = tutorDeadline(s, times);
            return now.isBefore(deadline) ? Optional.empty() : Optional.of(Outcome.noShow(NoShow.TUTOR, deadline));
        }
        if (s.status() != TeachingStatus.IN_PROGRESS || now.isBefore(s.endsAt())) {
            return Optional.empty();
        }
        if (!anyStudentJoined) {
            return Optional.of(Outcome.noShow(NoShow.STUDENTS, s.endsAt()));
        }
        return now.isBefore(s.endsAt().plus(times.completeGrace())) ? Optional.empty()
                : Optional.of(Outcome.completed(s.endsAt()));
    }

    /** The tutor's "End Session" (seed 002 §4.3) under the policy above. */
    public static Outcome onTutorComplete(TeachingSession s, boolean anyStudentJoined, Instant now) {
        if (s.status() != TeachingStatus.IN_PROGRESS) {
            throw TeachingRuleViolation.conflict("Session is " + s.status() + " and cannot be completed");
        }
        if (anyStudentJoined) {
            return Outcome.completed(now);
        }
        if (now.isBefore(s.endsAt())) {
            throw TeachingRuleViolation.conflict("No student has joined yet; if none does, the session is closed as "
                    + "a student no-show at its end time (" + s.endsAt() + ")");
        }
        return Outcome.noShow(NoShow.STUDENTS, now);
    }
}

package io.coachwork.session.teaching.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Seed 002 §4's state machine and the checks each change makes; plain Java, tested directly. */
public final class TeachingRules {

    public static final String SESSION_FULL = "Session full";
    public static final String SESSION_CANCELLED = "Session cancelled";
    public static final String SESSION_OVER = "Session is over";
    /** The shortest token a join gets, even at the very end of a session. */
    static final Duration MIN_TOKEN_TTL = Duration.ofMinutes(10);
    /** Agora keeps AccessToken2 lifetimes to 24 hours; a client joining earlier than that asks again. */
    static final Duration MAX_TOKEN_TTL = Duration.ofHours(24);

    private TeachingRules() {
    }

    /** Why a paid booking cannot take a seat now, if it cannot: seed 002's "Session full" among them. */
    public static Optional<String> seatRefusal(TeachingSession s, long bookedSeats, Instant now) {
        if (s.status() == TeachingStatus.CANCELLED) {
            return Optional.of(SESSION_CANCELLED);
        }
        if (s.status().finished() || !now.isBefore(s.endsAt())) {
            return Optional.of(SESSION_OVER);
        }
        if (bookedSeats >= s.maxParticipants()) {
            return Optional.of(SESSION_FULL);
        }
        return Optional.empty();
    }

    /** The tutor starts from {@code startLead} before the start until the tutor no-show deadline. */
    public static void checkStart(TeachingSession s, Instant now, TeachingTimes times) {
        if (s.status() != TeachingStatus.SCHEDULED) {
            throw TeachingRuleViolation.conflict("Session is " + s.status() + " and cannot be started");
        }
        Instant earliest = s.startsAt().minus(times.startLead());
        if (now.isBefore(earliest)) {
            throw TeachingRuleViolation.refused("The session can be started from " + earliest + " ("
                    + times.startLead().toMinutes() + " minutes before its start time)");
        }
        if (!now.isBefore(NoShowPolicy.tutorDeadline(s, times))) {
            throw TeachingRuleViolation.conflict("The session was not started within "
                    + times.tutorNoShowAfter().toMinutes() + " minutes of its start time and is a no-show");
        }
    }

    /** Why the tutor's cancel is refused, if it is: seed 002 §3.2 allows it only before the session starts. */
    public static Optional<String> cancelRefusal(TeachingSession s) {
        return switch (s.status()) {
            case SCHEDULED, CANCELLED -> Optional.empty();
            case IN_PROGRESS -> Optional.of("Session has already started");
            case COMPLETED, NO_SHOW -> Optional.of(SESSION_OVER);
        };
    }

    /** The video call is open while the session is in progress. */
    public static void checkJoin(TeachingSession s) {
        switch (s.status()) {
            case SCHEDULED -> throw TeachingRuleViolation.conflict("Session has not started yet");
            case IN_PROGRESS -> {
            }
            case CANCELLED -> throw TeachingRuleViolation.conflict(SESSION_CANCELLED);
            default -> throw TeachingRuleViolation.conflict(SESSION_OVER);
        }
    }

    /** A join token lasts until the session would be auto-completed, and never less than {@link #MIN_TOKEN_TTL}. */
    public static Duration tokenTtl(TeachingSession s, Instant now, TeachingTimes times) {
        Duration left = Duration.between(now, s.endsAt().plus(times.completeGrace()));
        return left.compareTo(MIN_TOKEN_TTL) < 0 ? MIN_TOKEN_TTL : left.compareTo(MAX_TOKEN_TTL) > 0 ? MAX_TOKEN_TTL : left;
    }

    /** Chat and uploads belong to a live or finished session, not a cancelled or missed one. */
    public static void checkCollaboration(TeachingSession s) {
        if (s.status() == TeachingStatus.CANCELLED || s.status() == TeachingStatus.NO_SHOW) {
            throw TeachingRuleViolation.conflict("Session is " + s.status());
        }
    }

    /** Seed 002 §5: chat in ONE_TO_ONE sessions only. */
    public static void checkChat(TeachingSession s) {
        if (s.type() != SessionType.ONE_TO_ONE) {
            throw TeachingRuleViolation.forbidden("Chat is available only in ONE_TO_ONE sessions; GROUP sessions have no chat");
        }
    }

    /** Seed 002 §5: in GROUP sessions only the tutor uploads; in ONE_TO_ONE both do. */
    public static void checkUpload(TeachingSession s, long userId) {
        if (s.type() == SessionType.GROUP && !s.isTutor(userId)) {
            throw TeachingRuleViolation.forbidden("Only the tutor can upload files in a GROUP session");
        }
    }

    /** Whoever uploaded a file, and the tutor, may delete it. */
    public static void checkDeleteFile(TeachingSession s, long uploaderId, long userId) {
        if (uploaderId != userId && !s.isTutor(userId)) {
            throw TeachingRuleViolation.forbidden("Only the uploader or the tutor can delete this file");
        }
    }
}

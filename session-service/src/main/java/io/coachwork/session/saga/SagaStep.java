package io.coachwork.session.saga;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands;
import java.time.Instant;
import java.util.UUID;

/**
 * One command of a coaching session's saga and what became of it. Each command has its own
 * {@code sagaId}: wallet-service answers a repeated command with its first reply, so a resend
 * reuses it, while the next step of the same session is a new command with a new id.
 */
public record SagaStep(UUID sagaId, long sessionId, long tutorId, Step step, Integer minutes, State state,
                       int attempts, Instant lastSentAt, String replyType, Instant repliedAt, Instant createdAt) {

    public enum Step {
        /** Hold the session's minutes at creation. */
        RESERVE,
        /** Consume the used minutes at the end and return the rest. */
        SETTLE,
        /** Return the whole hold on cancellation. */
        RELEASE;

        public String value() {
            return name().toLowerCase();
        }

        public static Step of(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    public enum State {
        /** Sent; the resend job sends it again until a reply comes. */
        AWAITING_REPLY,
        /** The wallet did it. */
        COMPLETED,
        /** The wallet refused (reserve only: too few hours). */
        REFUSED,
        /** No longer wanted (a reserve whose session was cancelled before the reply): never resent. */
        ABANDONED;

        public String value() {
            return name().toLowerCase();
        }

        public static State of(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    public static SagaStep begin(long sessionId, long tutorId, Step step, Integer minutes, Instant now) {
        return new SagaStep(UUID.randomUUID(), sessionId, tutorId, step, minutes, State.AWAITING_REPLY, 1, now,
                null, null, now);
    }

    /** The CloudEvents type of this step's command. */
    public String commandType() {
        return switch (step) {
            case RESERVE -> EventTypes.RESERVE_HOURS;
            case SETTLE -> EventTypes.SETTLE_HOURS;
            case RELEASE -> EventTypes.RELEASE_HOURS;
        };
    }

    /** The command exactly as wallet-service reads it; the same every time it is sent. */
    public Object command() {
        String id = sagaId.toString();
        String replyTo = Topics.SESSION_SAGA_REPLIES;
        return switch (step) {
            case RESERVE -> new WalletCommands.ReserveHours(id, tutorId, sessionId, minutes, replyTo);
            case SETTLE -> new WalletCommands.SettleHours(id, tutorId, sessionId, minutes, replyTo);
            case RELEASE -> new WalletCommands.ReleaseHours(id, tutorId, sessionId, replyTo);
        };
    }
}

package io.coachwork.wallet.saga;

/** A saga reply: its CloudEvents type and its contract record. */
public record Reply(String type, Object data) {
}

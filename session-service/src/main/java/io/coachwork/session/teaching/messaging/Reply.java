package io.coachwork.session.teaching.messaging;

/** A reply to a booking saga: its CloudEvents type and its contract record. */
public record Reply(String type, Object data) {
}

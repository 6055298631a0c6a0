package io.coachwork.contracts.teaching;

import java.time.Instant;

/**
 * Payload of {@code coachwork.teaching.discord.linked.v1} / {@code unlinked.v1} on
 * {@code coachwork.session.accounts} (key = user id), published by session-service when a user links
 * or unlinks their Discord account (seed 003). Only whether a link exists: no Discord ids or tokens.
 * scheduling-service keeps the newest {@code occurredAt} per user to refuse bookings without a link.
 */
public record DiscordLinkChanged(long userId, boolean linked, Instant occurredAt) {
}

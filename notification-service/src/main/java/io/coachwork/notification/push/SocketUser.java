package io.coachwork.notification.push;

import java.time.Instant;

/** Who opened a socket, from the token checked at the handshake, and until when that token is valid. */
record SocketUser(long userId, Instant tokenExpiresAt) {
}

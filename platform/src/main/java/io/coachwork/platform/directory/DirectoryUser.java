package io.coachwork.platform.directory;

import java.time.Instant;
import java.util.Set;

/** Who a user id is, as far as this service has heard. */
public record DirectoryUser(long userId, String name, String email, Set<String> roles, String timeZone,
                            Instant updatedAt) {
}

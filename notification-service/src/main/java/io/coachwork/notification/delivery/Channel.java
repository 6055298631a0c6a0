package io.coachwork.notification.delivery;

import java.util.Arrays;
import java.util.Optional;

/** Channels a notification travels besides the inbox, which always gets it. */
public enum Channel {
    EMAIL, PUSH;

    public String key() {
        return name().toLowerCase();
    }

    public static Optional<Channel> byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
    }
}

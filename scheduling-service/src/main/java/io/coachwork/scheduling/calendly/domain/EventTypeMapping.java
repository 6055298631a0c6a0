package io.coachwork.scheduling.calendly.domain;

import java.time.Duration;

/** One Calendly event type: busy (widened by its buffers) or ignored. */
public record EventTypeMapping(String eventTypeUri, Mode mode, int bufferBeforeMinutes, int bufferAfterMinutes) {

    public Duration bufferBefore() {
        return Duration.ofMinutes(bufferBeforeMinutes);
    }

    public Duration bufferAfter() {
        return Duration.ofMinutes(bufferAfterMinutes);
    }
}

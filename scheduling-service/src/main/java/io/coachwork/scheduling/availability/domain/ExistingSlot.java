package io.coachwork.scheduling.availability.domain;

/** A stored slot, identified so that an overlap error can name it. */
public record ExistingSlot(String id, Slot slot) {
}

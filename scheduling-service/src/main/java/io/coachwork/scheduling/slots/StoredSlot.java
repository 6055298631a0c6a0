package io.coachwork.scheduling.slots;

import io.coachwork.contracts.scheduling.SlotEvent;
import io.coachwork.scheduling.availability.domain.ExistingSlot;
import io.coachwork.scheduling.availability.domain.Slot;
import java.time.Instant;

/** A seed 002 slot as stored: the domain slot, its owner and the seats taken so far. */
public record StoredSlot(long id, long tutorId, Slot slot, int bookedCount, Instant createdAt, Instant updatedAt) {

    public ExistingSlot existing() {
        return new ExistingSlot(Long.toString(id), slot);
    }

    public int seatsLeft() {
        return slot.maxParticipants() - bookedCount;
    }

    public SlotEvent event(Instant at) {
        return new SlotEvent(id, tutorId, slot.date().toString(), slot.time().start().toString(), endText(slot),
                slot.durationMinutes(), slot.sessionType().name(), slot.maxParticipants(), bookedCount,
                slot.zone().getId(), slot.startsAt(), slot.endsAt(), at);
    }

    /** "HH:mm", with "24:00" for a slot that runs until midnight. */
    static String endText(Slot slot) {
        return slot.time().endsAtMidnight() ? "24:00" : slot.time().end().toString();
    }
}

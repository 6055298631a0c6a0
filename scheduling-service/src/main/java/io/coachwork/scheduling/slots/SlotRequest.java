package io.coachwork.scheduling.slots;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.coachwork.scheduling.availability.domain.SlotInput;
import io.coachwork.scheduling.support.Numbers;
import java.math.BigDecimal;

/**
 * A slot as a client sends it: snake_case like every route, and seed 002's camelCase names too, so a
 * client written against seed 002 works unchanged. Everything stays text until the domain parses it,
 * so each malformed value is refused by its own field name.
 */
public record SlotRequest(@JsonAlias("slotDate") String slotDate,
                          @JsonAlias("startTime") String startTime,
                          @JsonAlias("endTime") String endTime,
                          @JsonAlias("durationMinutes") BigDecimal durationMinutes,
                          @JsonAlias("sessionType") String sessionType,
                          @JsonAlias("maxParticipants") BigDecimal maxParticipants,
                          String timezone) {

    /** Large enough for the domain to judge (and name) any real value; beyond it the number is nonsense. */
    private static final int SANE = 100_000;

    public boolean isEmpty() {
        return slotDate == null && startTime == null && endTime == null && durationMinutes == null
                && sessionType == null && maxParticipants == null && timezone == null;
    }

    /** The domain's input, with the tutor's zone when the client names none. */
    public SlotInput input(String defaultZone) {
        return new SlotInput(slotDate, startTime, endTime,
                Numbers.wholeOrNull("duration_minutes", durationMinutes, 0, SANE), sessionType,
                Numbers.wholeOrNull("max_participants", maxParticipants, 0, SANE),
                timezone == null ? defaultZone : timezone);
    }

    /** This change laid over {@code current}: fields left out keep their value. */
    public SlotRequest over(SlotRequest current) {
        return new SlotRequest(slotDate == null ? current.slotDate : slotDate,
                startTime == null ? current.startTime : startTime, endTime == null ? current.endTime : endTime,
                durationMinutes == null ? current.durationMinutes : durationMinutes,
                sessionType == null ? current.sessionType : sessionType,
                maxParticipants == null ? (sessionType == null ? current.maxParticipants : null) : maxParticipants,
                timezone == null ? current.timezone : timezone);
    }

    static SlotRequest of(StoredSlot s) {
        return new SlotRequest(s.slot().date().toString(), s.slot().time().start().toString(), StoredSlot.endText(s.slot()),
                BigDecimal.valueOf(s.slot().durationMinutes()), s.slot().sessionType().name(),
                BigDecimal.valueOf(s.slot().maxParticipants()), s.slot().zone().getId());
    }
}

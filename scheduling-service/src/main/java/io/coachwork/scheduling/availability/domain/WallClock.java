package io.coachwork.scheduling.availability.domain;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Wall-clock times to instants, one rule for the whole package: a local time means the first moment the
 * tutor's clock reads it. In a DST overlap that is the earlier offset (so the repeated hour is offered once);
 * a time in a DST gap never appears on the clock, so as a block boundary it means the moment the clock
 * jumps past it, and as a start it {@linkplain #exists does not exist}.
 */
final class WallClock {

    private WallClock() {
    }

    static boolean exists(LocalDateTime local, ZoneRules rules) {
        return !rules.getValidOffsets(local).isEmpty();
    }

    static long epochSecond(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        return offsets.isEmpty()
                ? rules.getTransition(local).getInstant().getEpochSecond()
                : local.toEpochSecond(offsets.get(0));
    }
}

package io.coachwork.notification.template;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as a person reads them: in their own zone, with the zone named ("Saturday, 20 January 2024, 15:00–16:00 (Africa/Lagos)"). */
public final class LocalTimes {

    /** Zone of users whose directory entry names none (or names one Java does not know). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private LocalTimes() {
    }

    public static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }

    public static String time(Instant instant, ZoneId zone) {
        return DAY_AND_TIME.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** A span on one local day shows the day once; one that crosses midnight shows both days. */
    public static String span(Instant start, Instant end, ZoneId zone) {
        if (end == null) {
            return time(start, zone);
        }
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        String until = from.toLocalDate().equals(to.toLocalDate()) ? "–" + TIME.format(to) : " – " + DAY_AND_TIME.format(to);
        return DAY_AND_TIME.format(from) + until + " (" + zone.getId() + ")";
    }
}

package io.coachwork.scheduling.calendar;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import io.coachwork.scheduling.availability.domain.Availability;
import io.coachwork.scheduling.availability.domain.LocalTimeRange;
import io.coachwork.scheduling.availability.domain.SessionType;
import io.coachwork.scheduling.slots.StoredSlot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * A tutor's published availability as an iCalendar (RFC 5545) document: each explicit slot, and
 * each day's weekly teaching time (after overrides and holidays) over the next four weeks. Times
 * are written in UTC so every calendar client places them without the tutor's zone rules.
 */
public final class CalendarFeed {

    static final int DAYS = 28;
    static final String PRODUCT_ID = "-//Coachwork//Scheduling//EN";

    private CalendarFeed() {
    }

    public static String render(long tutorId, ZoneId zone, List<StoredSlot> slots, Optional<Availability> availability,
                                Instant now) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId(PRODUCT_ID);
        for (StoredSlot s : slots) {
            String summary = s.slot().sessionType() == SessionType.GROUP
                    ? "Group session slot (" + s.bookedCount() + "/" + s.slot().maxParticipants() + " booked)"
                    : s.bookedCount() > 0 ? "One-to-one session (booked)" : "One-to-one slot (open)";
            calendar.addEvent(event("slot-" + s.id() + "@coachwork", s.slot().startsAt(), s.slot().endsAt(), summary,
                    s.slot().toString(), now));
        }
        availability.ifPresent(a -> {
            LocalDate today = LocalDate.ofInstant(now, zone);
            for (int d = 0; d < DAYS; d++) {
                LocalDate date = today.plusDays(d);
                for (LocalTimeRange range : a.rangesOn(date)) {
                    Instant start = LocalDateTime.of(date, range.start()).atZone(zone).toInstant();
                    Instant end = range.endsAtMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
                            : LocalDateTime.of(date, range.end()).atZone(zone).toInstant();
                    if (end.isAfter(start) && end.isAfter(now)) {
                        calendar.addEvent(event("availability-" + tutorId + "-" + date + "-" + range.startMinute()
                                + "@coachwork", start, end, "Available for booking",
                                date + " " + range + " (" + zone.getId() + ")", now));
                    }
                }
            }
        });
        return Biweekly.write(calendar).go();
    }

    private static VEvent event(String uid, Instant start, Instant end, String summary, String description, Instant now) {
        VEvent event = new VEvent();
        event.setUid(uid);
        event.setDateTimeStamp(Date.from(now));
        event.setDateStart(Date.from(start));
        event.setDateEnd(Date.from(end));
        event.setSummary(summary);
        event.setDescription(description);
        return event;
    }
}

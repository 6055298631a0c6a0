package io.coachwork.scheduling.slots;

import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.availability.domain.BookableTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Seed 002's slot as clients see it: local date and times in the tutor's zone, plus UTC instants. */
public final class SlotViews {


    private SlotViews() {
    }

    /** "HH:mm" without a DateTimeFormatter, which was ~2% of a four-week search's CPU. */
    static String hhmm(LocalTime time) {
        int h = time.getHour();
        int m = time.getMinute();
        return new String(new char[] {(char) ('0' + h / 10), (char) ('0' + h % 10), ':', (char) ('0' + m / 10),
                (char) ('0' + m % 10)});
    }

    public record SlotView(long id, long tutorId, String slotDate, String startTime, String endTime,
                           int durationMinutes, String sessionType, int maxParticipants, int bookedCount,
                           int seatsLeft, String timezone, Instant startsAt, Instant endsAt, LocalTimes studentTime,
                           Instant createdAt, Instant updatedAt) {

        public static SlotView of(StoredSlot s) {
            return of(s, null);
        }

        public static SlotView of(StoredSlot s, ZoneId student) {
            return of(s, s.slot().startsAt(), s.slot().endsAt(), student);
        }

        /** With the slot's instants already computed ({@link io.coachwork.scheduling.availability.domain.Slot#busy}). */
        public static SlotView of(StoredSlot s, Instant startsAt, Instant endsAt, ZoneId student) {
            return new SlotView(s.id(), s.tutorId(), s.slot().date().toString(), hhmm(s.slot().time().start()),
                    StoredSlot.endText(s.slot()), s.slot().durationMinutes(), s.slot().sessionType().name(),
                    s.slot().maxParticipants(), s.bookedCount(), s.seatsLeft(), s.slot().zone().getId(),
                    startsAt, endsAt, student == null ? null : LocalTimes.of(startsAt, endsAt, student),
                    s.createdAt(), s.updatedAt());
        }
    }

    /** A start and end as a clock in {@code timezone} reads them (the end may fall on the next date). */
    public record LocalTimes(String timezone, String date, String startTime, String endTime, String endDate) {

        public static LocalTimes of(Instant start, Instant end, ZoneId zone) {
            LocalDateTime s = LocalDateTime.ofInstant(start, zone);
            LocalDateTime e = LocalDateTime.ofInstant(end, zone);
            return new LocalTimes(zone.getId(), s.toLocalDate().toString(), hhmm(s.toLocalTime()), hhmm(e.toLocalTime()),
                    e.toLocalDate().toString());
        }
    }

    /** A time generated from the tutor's weekly schedule (001/004): one-to-one, becomes a slot when booked. */
    public record GeneratedTime(Instant startsAt, Instant endsAt, int durationMinutes, String sessionType,
                                LocalTimes tutorTime, LocalTimes studentTime) {

        /** Each time converted once per distinct zone: a student in the tutor's zone shares the tutor's reading. */
        public static List<GeneratedTime> all(List<BookableTime> times, int minutes, ZoneId tutor, ZoneId student) {
            boolean sameZone = tutor.equals(student);
            List<GeneratedTime> out = new ArrayList<>(times.size());
            for (BookableTime t : times) {
                LocalTimes inTutorZone = LocalTimes.of(t.start(), t.end(), tutor);
                out.add(new GeneratedTime(t.start(), t.end(), minutes, "ONE_TO_ONE", inTutorZone,
                        sameZone ? inTutorZone : LocalTimes.of(t.start(), t.end(), student)));
            }
            return out;
        }
    }

    public record SlotPage(List<SlotView> slots, Pagination pagination) {
    }

    public record Created(List<SlotView> slots) {
    }

    /** Seed 002's "provider's public slots", with the generated times and both zones. */
    public record Search(long tutorId, String tutorTimezone, String studentTimezone, String from, String to,
                         List<SlotView> slots, List<GeneratedTime> generatedTimes) {
    }
}

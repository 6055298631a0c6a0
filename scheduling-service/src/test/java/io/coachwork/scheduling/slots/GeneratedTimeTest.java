package io.coachwork.scheduling.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachwork.scheduling.availability.domain.BookableTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedTimeTest {

    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    // 23:30-00:30 Lagos on 8 March 2031 crosses midnight; New York moves to daylight time the next morning.
    private static final BookableTime LATE = new BookableTime(Instant.parse("2031-03-08T22:30:00Z"),
            Instant.parse("2031-03-08T23:30:00Z"), LocalDateTime.parse("2031-03-08T23:30"));

    @Test
    void eachTimeIsReadInTheTutorsZoneAndTheStudents() {
        List<SlotViews.GeneratedTime> times = SlotViews.GeneratedTime.all(List.of(LATE), 60, LAGOS, NEW_YORK);

        assertThat(times).singleElement().satisfies(t -> {
            assertThat(t.tutorTime()).isEqualTo(new SlotViews.LocalTimes("Africa/Lagos", "2031-03-08", "23:30", "00:30",
                    "2031-03-09"));
            assertThat(t.studentTime()).isEqualTo(new SlotViews.LocalTimes("America/New_York", "2031-03-08", "17:30",
                    "18:30", "2031-03-08"));
            assertThat(t.durationMinutes()).isEqualTo(60);
            assertThat(t.sessionType()).isEqualTo("ONE_TO_ONE");
        });
    }

    @Test
    void aStudentInTheTutorsZoneReadsTheSameTimes() {
        SlotViews.GeneratedTime t = SlotViews.GeneratedTime.all(List.of(LATE), 60, LAGOS, LAGOS).get(0);

        assertThat(t.studentTime()).isEqualTo(t.tutorTime());
        assertThat(t.startsAt()).isEqualTo(LATE.start());
        assertThat(t.endsAt()).isEqualTo(LATE.end());
    }
}

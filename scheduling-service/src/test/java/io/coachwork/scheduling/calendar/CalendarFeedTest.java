package io.coachwork.scheduling.calendar;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Instant;
import java.util.List;
import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** The tutor's .ics feed: a secret URL, explicit slots and weekly availability, parseable by a calendar client. */
class CalendarFeedTest extends SchedulingIntegrationTest {

    @Test
    void theFeedListsSlotsAndWeeklyTimeAndRotatingTheTokenRevokesTheOldUrl() {
        clock.set(Instant.parse("2031-03-03T08:00:00Z"));
        long tutor = approvedTutor("Africa/Lagos");
        String token = TestJwt.tutor(tutor);
        call(HttpMethod.POST, "/api/teaching/schedules", token, """
                {"name": "Main", "blocks": [{"day": "TUESDAY", "start_time": "09:00", "end_time": "12:00"}]}""")
                .expectStatus().isCreated();
        call(HttpMethod.POST, "/api/teaching/holidays", token, "{\"from\": \"2031-03-11\"}").expectStatus().isCreated();
        call(HttpMethod.POST, "/api/teaching/slots", token, """
                {"slot_date": "2031-03-05", "start_time": "10:00", "end_time": "11:00", "duration_minutes": 60,
                 "session_type": "GROUP", "max_participants": 4}""").expectStatus().isCreated();

        String url = json(get("/api/teaching/profile/calendar", token).expectStatus().isOk()).at("/data/url").asString();
        assertThat(url).startsWith("/api/teaching/calendar/").endsWith(".ics");
        assertThat(json(get("/api/teaching/profile/calendar", token)).at("/data/url").asString()).isEqualTo(url);

        byte[] body = web.get().uri(url).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/calendar")
                .expectBody().returnResult().getResponseBody();
        String text = new String(body);
        assertThat(text).startsWith("BEGIN:VCALENDAR").contains("PRODID:-//Coachwork//Scheduling//EN");
        ICalendar calendar = Biweekly.parse(text).first();
        List<VEvent> events = calendar.getEvents();
        List<String> summaries = events.stream().map(e -> e.getSummary().getValue()).toList();
        assertThat(summaries).contains("Group session slot (0/4 booked)");
        // Four Tuesdays fall within four weeks (4, 11, 18, 25 March); 11 March is a holiday.
        assertThat(summaries.stream().filter(s -> s.equals("Available for booking")).count()).isEqualTo(3);
        List<Instant> starts = events.stream().map(e -> e.getDateStart().getValue().toInstant()).toList();
        assertThat(starts).contains(Instant.parse("2031-03-04T08:00:00Z")).doesNotContain(Instant.parse("2031-03-11T08:00:00Z"));
        assertThat(text).contains("DTSTART:20310304T080000Z");

        String rotated = json(call(HttpMethod.POST, "/api/teaching/profile/calendar/rotate", token, null)
                .expectStatus().isOk()).at("/data/url").asString();
        assertThat(rotated).isNotEqualTo(url);
        web.get().uri(url).exchange().expectStatus().isNotFound();
        web.get().uri(rotated).exchange().expectStatus().isOk();
        get("/api/teaching/profile/calendar", TestJwt.student(newUser())).expectStatus().isForbidden();
    }
}

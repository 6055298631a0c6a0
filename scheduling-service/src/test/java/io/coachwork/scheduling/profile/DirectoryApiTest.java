package io.coachwork.scheduling.profile;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 001's directory: public, paginated, filtered by subject, price, experience, rating and free time, sorted. */
class DirectoryApiTest extends SchedulingIntegrationTest {

    /** Monday 3 March 2031, 08:00 UTC. */
    private static final Instant NOW = Instant.parse("2031-03-03T08:00:00Z");

    private String subject;
    private long cheapBeginner;
    private long dearExpert;
    private long midWithSlot;
    private long pendingTutor;

    @BeforeEach
    void tutors() {
        clock.set(NOW);
        subject = "subject-" + newUser();
        cheapBeginner = tutor("beginner", 20, null, 4.2);
        dearExpert = tutor("expert", 90, 120, 4.9);
        midWithSlot = tutor("advanced", 50, null, null);
        // The expert teaches every weekday morning from 10 March on (a holiday covers this week).
        String expert = TestJwt.tutor(dearExpert);
        call(HttpMethod.POST, "/api/teaching/schedules", expert, """
                {"name": "Main", "preset": {"presets": ["MORNING"], "days": ["MON", "TUE", "WED", "THU", "FRI"]}}""")
                .expectStatus().isCreated();
        call(HttpMethod.POST, "/api/teaching/holidays", expert, "{\"from\": \"2031-03-03\", \"to\": \"2031-03-09\"}")
                .expectStatus().isCreated();
        // The mid-priced tutor has one explicit slot tomorrow.
        call(HttpMethod.POST, "/api/teaching/slots", TestJwt.tutor(midWithSlot), """
                {"slot_date": "2031-03-04", "start_time": "10:00", "end_time": "11:00", "duration_minutes": 60,
                 "session_type": "ONE_TO_ONE", "timezone": "UTC"}""").expectStatus().isCreated();
        pendingTutor = newUser();
        call(HttpMethod.PUT, "/api/teaching/profile", TestJwt.tutor(pendingTutor), """
                {"bio": "x", "hourly_rate": 10, "subjects": [{"subject": "%s"}]}""".formatted(subject)).expectStatus().isOk();
    }

    private long tutor(String level, int rate, Integer subjectRate, Double rating) {
        long id = newUser();
        call(HttpMethod.PUT, "/api/teaching/profile", TestJwt.tutor(id), """
                {"display_name": "T%d", "bio": "Coach", "hourly_rate": %d, "experience_level": "%s", "time_zone": "UTC",
                 "subjects": [{"subject": "%s", "hourly_rate": %s}]}""".formatted(id, rate, level, subject, subjectRate))
                .expectStatus().isOk();
        call(HttpMethod.POST, "/api/teaching/profile/apply", TestJwt.tutor(id), null).expectStatus().isOk();
        call(HttpMethod.POST, "/api/admin/teaching/applications/" + id + "/approve", ADMIN, null).expectStatus().isOk();
        if (rating != null) {
            db.sql("UPDATE tutor_profile SET rating = $1 WHERE tutor_id = $2").bind(0, java.math.BigDecimal.valueOf(rating))
                    .bind(1, id).fetch().rowsUpdated().block();
        }
        return id;
    }

    private List<Long> ids(String query) {
        JsonNode page = json(get("/api/teaching/tutors?subject=" + subject + query, null)
                .expectStatus().isOk());
        return page.at("/data/tutors").valueStream().map(t -> t.get("id").asLong()).toList();
    }

    @Test
    void onlyApprovedTutorsAreListedOrderedByRatingAndPaginated() {
        assertThat(ids("")).containsExactly(dearExpert, cheapBeginner, midWithSlot);
        get("/api/teaching/tutors?limit=2&page=2&subject=" + subject, null).expectBody()
                .jsonPath("$.data.tutors.length()").isEqualTo(1)
                .jsonPath("$.data.pagination.total").isEqualTo(3)
                .jsonPath("$.data.pagination.pages").isEqualTo(2);
        assertThat(ids("")).doesNotContain(pendingTutor);
        call(HttpMethod.PUT, "/api/teaching/profile", TestJwt.tutor(cheapBeginner), "{\"accepting_students\": false}")
                .expectStatus().isOk();
        assertThat(ids("")).containsExactly(dearExpert, midWithSlot);
        get("/api/teaching/tutors/" + cheapBeginner, null).expectStatus().isNotFound();
    }

    @Test
    void filtersBySubjectPriceExperienceAndRating() {
        // The expert's subject rate (120) is what a subject search compares.
        assertThat(ids("&min_price=100")).containsExactly(dearExpert);
        assertThat(ids("&max_price=50&sort=price")).containsExactly(cheapBeginner, midWithSlot);
        assertThat(ids("&sort=-price")).containsExactly(dearExpert, midWithSlot, cheapBeginner);
        assertThat(ids("&experience_level=advanced")).containsExactlyInAnyOrder(dearExpert, midWithSlot);
        assertThat(ids("&min_rating=4.5")).containsExactly(dearExpert);
        refused(get("/api/teaching/tutors?min_price=cheap", null), "min_price", "min_price must be a number");
        refused(get("/api/teaching/tutors?min_price=50&max_price=10", null), "min_price", "min_price must not exceed max_price");
        refused(get("/api/teaching/tutors?experience_level=guru", null), "experience_level",
                "experience_level must be one of beginner, intermediate, advanced, expert");
        refused(get("/api/teaching/tutors?available_within_days=99", null), "available_within_days",
                "available_within_days must be between 1 and 28");
        refused(get("/api/teaching/tutors?sort=random", null), "sort", "sort must be one of rating, price, -price, soonest");
        refused(get("/api/teaching/tutors?limit=1000", null), "limit", "limit must be between 1 and 100");
    }

    @Test
    void freeTimeFromSlotsOrWeeklySchedulesFiltersAndSorts() {
        assertThat(ids("&sort=soonest")).containsExactly(midWithSlot, dearExpert, cheapBeginner);
        assertThat(ids("&available_within_days=3")).containsExactly(midWithSlot);
        assertThat(ids("&available_within_days=10&sort=soonest")).containsExactly(midWithSlot, dearExpert);
        JsonNode expert = json(get("/api/teaching/tutors/" + dearExpert, null).expectStatus().isOk());
        assertThat(expert.at("/data/next_available_at").asString()).isEqualTo("2031-03-10T08:00:00.000Z");
        assertThat(expert.at("/data/subjects/0/hourly_rate").asDouble()).isEqualTo(120.0);
        JsonNode mid = json(get("/api/teaching/tutors/" + midWithSlot, null));
        assertThat(mid.at("/data/next_available_at").asString()).isEqualTo("2031-03-04T10:00:00.000Z");
    }
}

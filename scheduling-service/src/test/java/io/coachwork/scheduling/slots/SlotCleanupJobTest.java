package io.coachwork.scheduling.slots;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002's daily cleanup: past never-booked slots go, booked and future ones stay, each deleted once. */
class SlotCleanupJobTest extends SchedulingIntegrationTest {

    @Autowired
    SlotCleanupJob job;

    private long slot(String token, String date, String start, String end) {
        return json(call(HttpMethod.POST, "/api/teaching/slots", token, """
                {"slot_date": "%s", "start_time": "%s", "end_time": "%s", "duration_minutes": 60,
                 "session_type": "ONE_TO_ONE"}""".formatted(date, start, end)).expectStatus().isCreated())
                .at("/data/slots/0/id").asLong();
    }

    @Test
    void pastUnbookedSlotsAreDeletedOnceBookedAndTodaysStay() {
        clock.set(Instant.parse("2032-06-01T08:00:00Z"));
        long tutor = approvedTutor("Asia/Kolkata");
        String token = TestJwt.tutor(tutor);
        long pastUnbooked = slot(token, "2032-06-02", "10:00", "11:00");
        long pastBooked = slot(token, "2032-06-02", "12:00", "13:00");
        long laterToday = slot(token, "2032-06-03", "22:00", "23:00");
        long future = slot(token, "2032-06-04", "10:00", "11:00");
        db.sql("UPDATE teaching_slot SET booked_count = 1 WHERE id = $1").bind(0, pastBooked).fetch().rowsUpdated().block();

        // 3 June 23:30 in Kolkata: the 2 June slots are in the past; the 3 June one ended but is today's.
        clock.set(Instant.parse("2032-06-03T18:00:00Z"));
        web.get().uri("/api/cron/scheduling/slot-cleanup").headers(h -> h.setBearerAuth("wrong")).exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/api/cron/scheduling/slot-cleanup").headers(h -> h.setBearerAuth(CRON_SECRET)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Slot cleanup completed")
                .jsonPath("$.data.slots_deleted").value(n -> assertThat(((Number) n).intValue()).isGreaterThanOrEqualTo(1));

        assertThat(exists(pastUnbooked)).isFalse();
        assertThat(exists(pastBooked)).isTrue();
        assertThat(exists(laterToday)).isTrue();
        assertThat(exists(future)).isTrue();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND payload LIKE $2",
                EventTypes.SLOT_DELETED, "%\"slot_id\":" + pastUnbooked + ",%")).isEqualTo(1);

        call(HttpMethod.POST, "/api/admin/teaching/jobs/slot-cleanup", token, null).expectStatus().isForbidden();
        call(HttpMethod.POST, "/api/admin/teaching/jobs/slot-cleanup", ADMIN, null).expectStatus().isOk();
    }

    @Test
    void replicasRunningTogetherDeleteEachSlotOnce() {
        clock.set(Instant.parse("2033-01-10T08:00:00Z"));
        long tutor = approvedTutor("Europe/London");
        String token = TestJwt.tutor(tutor);
        List<Long> ids = List.of(slot(token, "2033-01-11", "09:00", "10:00"), slot(token, "2033-01-11", "10:00", "11:00"),
                slot(token, "2033-01-12", "09:00", "10:00"), slot(token, "2033-01-12", "10:00", "11:00"));
        clock.set(Instant.parse("2033-01-20T08:00:00Z"));

        List<CompletableFuture<SlotCleanupJob.Report>> runs = List.of(job.run().toFuture(), job.run().toFuture(),
                job.run().toFuture());
        int deleted = runs.stream().map(CompletableFuture::join).mapToInt(SlotCleanupJob.Report::slotsDeleted).sum();

        assertThat(deleted).isGreaterThanOrEqualTo(ids.size());
        ids.forEach(id -> assertThat(exists(id)).isFalse());
        for (long id : ids) {
            assertThat(count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND payload LIKE $2",
                    EventTypes.SLOT_DELETED, "%\"slot_id\":" + id + ",%")).isEqualTo(1);
        }
    }

    private boolean exists(long id) {
        return count("SELECT count(*) FROM teaching_slot WHERE id = $1", id) == 1;
    }
}

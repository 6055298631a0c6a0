package io.coachwork.scheduling.slots;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slot search answers from a per-tutor snapshot; every change to what it reads, made by SQL behind the service's
 * back as another replica or a job would, shows in the very next search.
 */
class SearchSnapshotsTest extends SchedulingIntegrationTest {

    /** Monday 3 March 2031, 09:00 in Lagos (UTC+1, no DST). */
    private static final Instant NOW = Instant.parse("2031-03-03T08:00:00Z");

    @Autowired
    private SearchSnapshots snapshots;

    private long tutor;
    private String search;
    private String student;

    @BeforeEach
    void tutorWithAScheduleAndASlot() {
        clock.set(NOW);
        tutor = approvedTutor("Africa/Lagos");
        String token = TestJwt.tutor(tutor);
        call(HttpMethod.POST, "/api/teaching/schedules", token, """
                {"name": "Main", "blocks": [{"day": "WEDNESDAY", "start_time": "12:00", "end_time": "14:00"}]}""")
                .expectStatus().isCreated();
        call(HttpMethod.POST, "/api/teaching/slots", token, """
                {"slot_date": "2031-03-05", "start_time": "09:00", "end_time": "10:00", "duration_minutes": 60,
                 "session_type": "ONE_TO_ONE"}""").expectStatus().isCreated();
        search = "/api/teaching/slots/provider/" + tutor + "?from=2031-03-05&to=2031-03-05&tz=Africa/Lagos";
        student = TestJwt.student(newUser());
    }

    private JsonNode found() {
        return json(get(search, student).expectStatus().isOk()).at("/data");
    }

    /** Start times in the tutor's zone of explicit slots ({@code start_time}) or generated times ({@code tutor_time}). */
    private static List<String> starts(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false)
                .map(n -> n.has("tutor_time") ? n.at("/tutor_time/start_time").asString() : n.at("/start_time").asString())
                .toList();
    }

    private void sql(String statement) {
        db.sql(statement.replace(":tutor", Long.toString(tutor))).fetch().rowsUpdated().block(Duration.ofSeconds(10));
    }

    @Test
    void anUnchangedTutorIsAnsweredFromTheSameSnapshotAndAnyWriteReplacesIt() {
        SearchSnapshots.Snapshot first = snapshots.of(tutor, NOW).block();
        assertThat(snapshots.of(tutor, NOW.plusSeconds(60)).block()).isSameAs(first);

        sql("UPDATE teaching_slot SET updated_at = updated_at WHERE tutor_id = :tutor");
        SearchSnapshots.Snapshot second = snapshots.of(tutor, NOW).block();
        assertThat(second).isNotSameAs(first);
        assertThat(second.version()).isGreaterThan(first.version());
    }

    @Test
    void slotsAndTheirSeatsWrittenElsewhereShowInTheNextSearch() {
        assertThat(starts(found().at("/slots"))).containsExactly("09:00");
        assertThat(starts(found().at("/generated_times"))).containsExactly("12:00", "12:30", "13:00");

        sql("""
                INSERT INTO teaching_slot (tutor_id, slot_date, start_time, end_time, duration_minutes, session_type,
                  max_participants, timezone, starts_at, ends_at, created_at, updated_at)
                VALUES (:tutor, DATE '2031-03-05', TIME '16:00', TIME '17:00', 60, 'ONE_TO_ONE', 1, 'Africa/Lagos',
                  TIMESTAMPTZ '2031-03-05T15:00:00Z', TIMESTAMPTZ '2031-03-05T16:00:00Z', now(), now())""");
        assertThat(starts(found().at("/slots"))).containsExactly("09:00", "16:00");

        sql("UPDATE teaching_slot SET booked_count = 1 WHERE tutor_id = :tutor AND start_time = TIME '09:00'");
        assertThat(starts(found().at("/slots"))).containsExactly("16:00");

        sql("DELETE FROM teaching_slot WHERE tutor_id = :tutor AND start_time = TIME '16:00'");
        assertThat(starts(found().at("/slots"))).isEmpty();
    }

    @Test
    void scheduleBlocksOverridesAndHolidaysWrittenElsewhereShowInTheNextSearch() {
        sql("UPDATE schedule_block SET end_time = TIME '13:00' WHERE schedule_id IN "
                + "(SELECT id FROM availability_schedule WHERE tutor_id = :tutor)");
        assertThat(starts(found().at("/generated_times"))).containsExactly("12:00");

        sql("INSERT INTO date_override (schedule_id, override_date) "
                + "SELECT id, DATE '2031-03-05' FROM availability_schedule WHERE tutor_id = :tutor");
        sql("INSERT INTO override_block (schedule_id, override_date, start_time, end_time) "
                + "SELECT id, DATE '2031-03-05', TIME '15:00', TIME '16:00' FROM availability_schedule WHERE tutor_id = :tutor");
        assertThat(starts(found().at("/generated_times"))).containsExactly("15:00");

        sql("INSERT INTO holiday (tutor_id, start_date, end_date, created_at) "
                + "VALUES (:tutor, DATE '2031-03-05', DATE '2031-03-05', now())");
        assertThat(starts(found().at("/generated_times"))).isEmpty();

        sql("DELETE FROM availability_schedule WHERE tutor_id = :tutor");
        sql("DELETE FROM holiday WHERE tutor_id = :tutor");
        assertThat(starts(found().at("/generated_times"))).isEmpty();
        assertThat(starts(found().at("/slots"))).containsExactly("09:00");
    }

    @Test
    void calendlyBusyTimeAndTheProfileWrittenElsewhereShowInTheNextSearch() {
        sql("INSERT INTO calendly_connection (tutor_id, user_uri, default_mode, connected_at, updated_at) "
                + "VALUES (:tutor, 'https://api.calendly.com/users/snapshot-' || :tutor, 'busy', now(), now())");
        sql("INSERT INTO calendly_busy (tutor_id, invitee_uri, starts_at, ends_at, created_at) VALUES (:tutor, "
                + "'https://api.calendly.com/invitees/snapshot-' || :tutor, TIMESTAMPTZ '2031-03-05T08:30:00Z', "
                + "TIMESTAMPTZ '2031-03-05T11:15:00Z', now())");
        assertThat(starts(found().at("/slots"))).isEmpty();
        assertThat(starts(found().at("/generated_times"))).containsExactly("12:30", "13:00");

        sql("UPDATE calendly_connection SET disconnected_at = now() WHERE tutor_id = :tutor");
        assertThat(starts(found().at("/slots"))).containsExactly("09:00");

        sql("UPDATE tutor_profile SET accepting_students = FALSE WHERE tutor_id = :tutor");
        get(search, student).expectStatus().isNotFound();
    }

    @Test
    void aSearchOutsideTheSnapshotsTimeRangeReadsAfresh() {
        SearchSnapshots.Snapshot first = snapshots.of(tutor, NOW).block();
        assertThat(snapshots.of(tutor, NOW.plus(Duration.ofMinutes(59))).block()).isSameAs(first);
        SearchSnapshots.Snapshot later = snapshots.of(tutor, NOW.plus(Duration.ofMinutes(61))).block();
        assertThat(later).isNotSameAs(first);
        assertThat(later.version()).isEqualTo(first.version());
        // A clock set back (tests, or a search for an earlier now) is not covered by a later snapshot either.
        assertThat(snapshots.of(tutor, NOW.minus(Duration.ofMinutes(1))).block()).isNotSameAs(later);
    }
}

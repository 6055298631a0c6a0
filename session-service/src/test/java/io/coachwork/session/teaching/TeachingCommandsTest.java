package io.coachwork.session.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingCommands;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.session.support.TeachingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The booking saga's commands to teaching sessions: each applies once per (saga, type) and a repeat
 * gets the first reply; seats are counted under the session's lock; refusals are answered, never lost.
 */
class TeachingCommandsTest extends TeachingIntegrationTest {

    private static final Instant NOW = Instant.parse("2041-02-01T09:00:00Z");
    private static final Instant START = Instant.parse("2041-02-03T15:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));

    @Test
    void aPaidBookingCreatesTheSessionAndARepeatedCommandGetsTheFirstReplyAndChangesNothing() {
        clock.set(NOW);
        long tutor = newUser();
        long student = newUser();
        String session = UUID.randomUUID().toString();
        String saga = UUID.randomUUID().toString();
        String booking = UUID.randomUUID().toString();
        var command = add(saga, session, newSlot(), tutor, "ONE_TO_ONE", 1, START, END, booking, student);

        apply(EventTypes.ADD_TEACHING_PARTICIPANT, command);
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, command);

        List<JsonNode> replies = replies(saga);
        assertThat(replies).hasSize(2);
        assertThat(replies).allSatisfy(r -> assertThat(r.get("type").asString()).isEqualTo(EventTypes.TEACHING_PARTICIPANT_ADDED));
        assertThat(replies.get(1).get("data")).isEqualTo(replies.get(0).get("data"));
        JsonNode added = replies.get(0).get("data");
        assertThat(added.get("channel_name").asString()).isEqualTo("teaching_" + session);
        assertThat(added.get("participant_count").asInt()).isEqualTo(1);
        assertThat(added.get("booking_id").asString()).isEqualTo(booking);
        assertThat(count("SELECT count(*) FROM teaching_participant WHERE session_id = $1", UUID.fromString(session)))
                .isEqualTo(1);
        assertThat(status(session)).isEqualTo("SCHEDULED");
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_SCHEDULED, session)).isEqualTo(1);
        assertThat(teachingEvents(EventTypes.TEACHING_PARTICIPANT_JOINED, session)).isEqualTo(1);
        JsonNode event = lastEvent(EventTypes.TEACHING_PARTICIPANT_JOINED, session);
        assertThat(event.get("session_type").asString()).isEqualTo("ONE_TO_ONE");
        assertThat(event.get("participants")).hasSize(1);
        assertThat(event.at("/participants/0/student_id").asLong()).isEqualTo(student);
        assertThat(event.get("detail").asString()).isEqualTo(booking);

        // Another saga for the same booking (scheduling retried from scratch): the same seat, no second one.
        String otherSaga = UUID.randomUUID().toString();
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(otherSaga, session, command.slotId(), tutor, "ONE_TO_ONE", 1,
                START, END, booking, student));
        assertThat(replies(otherSaga).get(0).at("/data/participant_id").asString())
                .isEqualTo(added.get("participant_id").asString());
        assertThat(teachingEvents(EventTypes.TEACHING_PARTICIPANT_JOINED, session)).isEqualTo(1);
    }

    @Test
    void aGroupFillsUpToItsSeatsAndAFreedSeatIsTakenAgain() {
        clock.set(NOW);
        long tutor = newUser();
        long slot = newSlot();
        String session = UUID.randomUUID().toString();
        String[] bookings = {UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()};
        String[] sagas = new String[3];
        for (int i = 0; i < 3; i++) {
            sagas[i] = UUID.randomUUID().toString();
            apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(sagas[i], session, slot, tutor, "GROUP", 2, START, END,
                    bookings[i], newUser()));
        }
        assertThat(replies(sagas[1]).get(0).at("/data/participant_count").asInt()).isEqualTo(2);
        JsonNode full = replies(sagas[2]).get(0);
        assertThat(full.get("type").asString()).isEqualTo(EventTypes.TEACHING_PARTICIPANT_REFUSED);
        assertThat(full.at("/data/reason").asString()).isEqualTo("Session full");

        String removeSaga = UUID.randomUUID().toString();
        var remove = new TeachingCommands.RemoveTeachingParticipant(removeSaga, session, bookings[0], "student cancelled",
                Topics.SCHEDULING_SAGA_REPLIES);
        apply(EventTypes.REMOVE_TEACHING_PARTICIPANT, remove);
        apply(EventTypes.REMOVE_TEACHING_PARTICIPANT, remove);
        assertThat(replies(removeSaga)).extracting(r -> r.at("/data/participant_count").asInt()).containsExactly(1, 1);
        assertThat(teachingEvents(EventTypes.TEACHING_PARTICIPANT_LEFT, session)).isEqualTo(1);
        assertThat(lastEvent(EventTypes.TEACHING_PARTICIPANT_LEFT, session).get("detail").asString())
                .isEqualTo("student cancelled");

        String again = UUID.randomUUID().toString();
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(again, session, slot, tutor, "GROUP", 2, START, END,
                UUID.randomUUID().toString(), newUser()));
        assertThat(replies(again).get(0).at("/data/participant_count").asInt()).isEqualTo(2);
        // The cancelled booking does not come back under its old id.
        String back = UUID.randomUUID().toString();
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(back, session, slot, tutor, "GROUP", 2, START, END, bookings[0],
                newUser()));
        assertThat(replies(back).get(0).at("/data/reason").asString()).isEqualTo("This booking was cancelled");
    }

    @Test
    void aStudentHoldsOneSeatAndBadOrLateCommandsAreRefusedWithoutASession() {
        clock.set(NOW);
        long tutor = newUser();
        long student = newUser();
        long slot = newSlot();
        String session = UUID.randomUUID().toString();
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(UUID.randomUUID().toString(), session, slot, tutor, "GROUP", 5,
                START, END, UUID.randomUUID().toString(), student));
        String second = UUID.randomUUID().toString();
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(second, session, slot, tutor, "GROUP", 5, START, END,
                UUID.randomUUID().toString(), student));
        assertThat(replies(second).get(0).at("/data/reason").asString())
                .isEqualTo("The student already has a seat in this session");

        String[] bad = {UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString()};
        String badSession = UUID.randomUUID().toString();
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(bad[0], badSession, newSlot(), tutor, "TRIO", 3, START, END,
                UUID.randomUUID().toString(), student));
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(bad[1], "not-a-uuid", newSlot(), tutor, "GROUP", 3, START, END,
                UUID.randomUUID().toString(), student));
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(bad[2], badSession, newSlot(), tutor, "GROUP", 3, START,
                NOW.minusSeconds(60), UUID.randomUUID().toString(), student));
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(bad[3], badSession, newSlot(), tutor, "GROUP", 3,
                NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)), UUID.randomUUID().toString(), student));
        assertThat(replies(bad[0]).get(0).at("/data/reason").asString()).startsWith("Invalid booking: session_type");
        assertThat(replies(bad[1]).get(0).at("/data/reason").asString()).startsWith("Invalid booking: session_id");
        assertThat(replies(bad[2]).get(0).at("/data/reason").asString()).startsWith("Invalid booking: ends_at");
        assertThat(replies(bad[3]).get(0).at("/data/reason").asString()).isEqualTo("Session is over");
        assertThat(count("SELECT count(*) FROM teaching_session WHERE id = $1", UUID.fromString(badSession))).isZero();

        // The slot already has its session: a command naming another id for it is refused.
        String otherId = UUID.randomUUID().toString();
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(otherId, UUID.randomUUID().toString(), slot, tutor, "GROUP", 5,
                START, END, UUID.randomUUID().toString(), newUser()));
        assertThat(replies(otherId).get(0).at("/data/reason").asString())
                .isEqualTo("This slot already has another teaching session");
    }

    @Test
    void theTutorCancelsBeforeTheStartOnlyAndEveryBookingIsNamed() {
        clock.set(NOW);
        long tutor = newUser();
        long first = newUser();
        long second = newUser();
        String session = bookedSession(tutor, "GROUP", 5, START, 60, first, second);

        String stranger = UUID.randomUUID().toString();
        apply(EventTypes.CANCEL_TEACHING_SESSION, new TeachingCommands.CancelTeachingSession(stranger, session,
                newUser(), null, Topics.SCHEDULING_SAGA_REPLIES));
        assertThat(replies(stranger).get(0).get("type").asString()).isEqualTo(EventTypes.TEACHING_CANCEL_REFUSED);

        String saga = UUID.randomUUID().toString();
        var cancel = new TeachingCommands.CancelTeachingSession(saga, session, tutor, "Tutor is ill",
                Topics.SCHEDULING_SAGA_REPLIES);
        apply(EventTypes.CANCEL_TEACHING_SESSION, cancel);
        apply(EventTypes.CANCEL_TEACHING_SESSION, cancel);
        List<JsonNode> replies = replies(saga);
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).get("type").asString()).isEqualTo(EventTypes.TEACHING_SESSION_CANCEL_DONE);
        assertThat(replies.get(0).at("/data/booking_ids")).hasSize(2);
        assertThat(replies.get(1).get("data")).isEqualTo(replies.get(0).get("data"));
        assertThat(status(session)).isEqualTo("CANCELLED");
        assertThat(count("SELECT count(*) FROM teaching_participant WHERE session_id = $1 AND status = 'CANCELLED'",
                UUID.fromString(session))).isEqualTo(2);
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_CANCELLED, session)).isEqualTo(1);
        assertThat(lastEvent(EventTypes.TEACHING_SESSION_CANCELLED, session).get("detail").asString())
                .isEqualTo("Tutor is ill");

        String late = UUID.randomUUID().toString();
        apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(late, session, slotOf(session), tutor, "GROUP", 5, START, END,
                UUID.randomUUID().toString(), newUser()));
        assertThat(replies(late).get(0).at("/data/reason").asString()).isEqualTo("Session cancelled");

        // A started session is not cancelled.
        String running = bookedSession(tutor, "GROUP", 5, START, 60, newUser());
        clock.set(START);
        patch(tutor, "/" + running + "/start").expectStatus().isOk();
        String refused = UUID.randomUUID().toString();
        apply(EventTypes.CANCEL_TEACHING_SESSION, new TeachingCommands.CancelTeachingSession(refused, running, tutor,
                null, Topics.SCHEDULING_SAGA_REPLIES));
        assertThat(replies(refused).get(0).at("/data/reason").asString()).isEqualTo("Session has already started");
        assertThat(replies(refused).get(0).at("/data/status").asString()).isEqualTo("IN_PROGRESS");
    }

    /** Over the real broker: the same record delivered twice and a resend under a new event id, one seat. */
    @Test
    void overKafkaADuplicateRecordIsDroppedAndAResendIsAnsweredAgain() {
        clock.set(NOW);
        long tutor = newUser();
        String session = UUID.randomUUID().toString();
        String saga = UUID.randomUUID().toString();
        var command = add(saga, session, newSlot(), tutor, "ONE_TO_ONE", 1, START, END, UUID.randomUUID().toString(),
                newUser());
        String record = TestEvents.cloudEvent(EventTypes.ADD_TEACHING_PARTICIPANT, session, command);
        String resend = TestEvents.cloudEvent(EventTypes.ADD_TEACHING_PARTICIPANT, session, command);
        TopicProbe.send(TestInfrastructure.kafkaBootstrapServers(), Topics.SESSION_COMMANDS,
                List.of(java.util.Map.entry(session, record), java.util.Map.entry(session, record),
                        java.util.Map.entry(session, resend)));

        await().atMost(Duration.ofSeconds(60)).until(() -> replies(saga).size() >= 2);
        assertThat(replies(saga)).hasSize(2);
        assertThat(count("SELECT count(*) FROM teaching_participant WHERE session_id = $1", UUID.fromString(session)))
                .isEqualTo(1);
        assertThat(TopicProbe.awaitRecord(Topics.SCHEDULING_SAGA_REPLIES, r -> saga.equals(r.key()),
                Duration.ofSeconds(30))).isPresent();
    }

    private long slotOf(String session) {
        return count("SELECT slot_id FROM teaching_session WHERE id = $1", UUID.fromString(session));
    }
}

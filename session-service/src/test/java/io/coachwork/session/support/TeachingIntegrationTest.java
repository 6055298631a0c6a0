package io.coachwork.session.support;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingCommands;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.session.teaching.messaging.TeachingCommandHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.JsonNode;

/**
 * Teaching-session tests: sessions are booked the way scheduling-service's saga does it, with
 * AddTeachingParticipant commands applied by the service's own handler (one transaction each, as
 * the platform consumer runs it), then driven through the API as the tutor and the students.
 */
public abstract class TeachingIntegrationTest extends SessionIntegrationTest {

    protected static final String TEACHING = "/api/teaching/sessions";
    private static final java.util.concurrent.atomic.AtomicLong SLOTS = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() % 1_000_000 * 1_000);

    @Autowired
    protected TeachingCommandHandler handler;
    @Autowired
    protected EventCodec codec;
    @Autowired
    protected TransactionalOperator tx;

    /** A session with a slot of its own, for {@code minutes} from {@code start}, with one seat per student. */
    protected String bookedSession(long tutor, String type, int max, Instant start, int minutes, long... students) {
        String id = UUID.randomUUID().toString();
        long slot = SLOTS.incrementAndGet();
        for (long student : students) {
            apply(EventTypes.ADD_TEACHING_PARTICIPANT, add(UUID.randomUUID().toString(), id, slot, tutor, type, max,
                    start, start.plus(Duration.ofMinutes(minutes)), UUID.randomUUID().toString(), student));
        }
        return id;
    }

    protected static long newSlot() {
        return SLOTS.incrementAndGet();
    }

    protected static TeachingCommands.AddTeachingParticipant add(String sagaId, String sessionId, long slot, long tutor,
                                                                 String type, int max, Instant start, Instant end,
                                                                 String bookingId, long student) {
        return new TeachingCommands.AddTeachingParticipant(sagaId, sessionId, slot, tutor, type, max, start, end,
                "Europe/Berlin", "Algebra with " + tutor, bookingId, student, Topics.SCHEDULING_SAGA_REPLIES);
    }

    /** Applies one command as a new event (a resend has a new event id), in its own transaction. */
    protected void apply(String type, Object command) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), "/test/scheduling",
                type, "test", clock.instant(), CloudEvent.DATA_CONTENT_TYPE, codec.toTree(command));
        tx.transactional(handler.handle(event)).block(Duration.ofSeconds(30));
    }

    /** The replies written for a saga, oldest first. */
    protected java.util.List<JsonNode> replies(String sagaId) {
        return db.sql("SELECT payload FROM outbox_event WHERE topic = $1 AND message_key = $2 ORDER BY seq")
                .bind(0, Topics.SCHEDULING_SAGA_REPLIES).bind(1, sagaId)
                .map((row, meta) -> io.coachwork.platform.test.TestEvents.json().readTree(row.get("payload", String.class)))
                .all().collectList().block();
    }

    protected WebTestClient.ResponseSpec get(long user, String path) {
        return web.get().uri(TEACHING + path).headers(h -> h.setBearerAuth(token(user))).exchange();
    }

    protected WebTestClient.ResponseSpec patch(long user, String path) {
        return web.patch().uri(TEACHING + path).headers(h -> h.setBearerAuth(token(user))).exchange();
    }

    protected WebTestClient.ResponseSpec post(long user, String path) {
        return web.post().uri(TEACHING + path).headers(h -> h.setBearerAuth(token(user))).exchange();
    }

    protected WebTestClient.ResponseSpec post(long user, String path, String json) {
        return web.post().uri(TEACHING + path).headers(h -> h.setBearerAuth(token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    protected WebTestClient.ResponseSpec delete(long user, String path) {
        return web.delete().uri(TEACHING + path).headers(h -> h.setBearerAuth(token(user))).exchange();
    }

    /** Tutors and students alike: access is by relation to the session, not by role. */
    private static String token(long user) {
        return TestJwt.token(user, "tutor", "student");
    }

    protected String status(String sessionId) {
        return db.sql("SELECT status FROM teaching_session WHERE id = $1").bind(0, UUID.fromString(sessionId))
                .map((row, meta) -> row.get("status", String.class)).one().block();
    }

    protected long teachingEvents(String type, String sessionId) {
        return count("SELECT count(*) FROM outbox_event WHERE topic = $1 AND event_type = $2 AND message_key = $3",
                Topics.TEACHING_SESSIONS, type, sessionId);
    }

    /** The newest event of {@code type} about the session. */
    protected JsonNode lastEvent(String type, String sessionId) {
        return db.sql("""
                        SELECT payload FROM outbox_event WHERE topic = $1 AND event_type = $2 AND message_key = $3
                        ORDER BY seq DESC LIMIT 1""")
                .bind(0, Topics.TEACHING_SESSIONS).bind(1, type).bind(2, sessionId)
                .map((row, meta) -> io.coachwork.platform.test.TestEvents.json().readTree(row.get("payload", String.class)))
                .one().block().get("data");
    }
}

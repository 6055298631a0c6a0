package io.coachwork.scheduling.review;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.contracts.teaching.TeachingSessionEvent.Participant;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 001's reviews end to end in the service: reviewable sessions from session-service's COMPLETED
 * events, one review per participant, the tutor's one answer, moderation with its audit log, the
 * tutor's average in the directory, and the daily review requests.
 */
class ReviewApiTest extends SchedulingIntegrationTest {

    /** Monday 3 March 2031, 12:00 UTC. */
    private static final Instant NOW = Instant.parse("2031-03-03T12:00:00Z");
    private static final Instant ENDED = NOW.minus(Duration.ofHours(1));

    @BeforeEach
    void now() {
        clock.set(NOW);
    }

    private static TeachingSessionEvent session(String id, long tutor, String status, String noShow,
                                                List<Participant> participants) {
        return new TeachingSessionEvent(id, 1, tutor, "GROUP", status, ENDED.minus(Duration.ofHours(1)), ENDED, "Chess",
                "ch", participants, noShow, null, null, ENDED);
    }

    private static Participant attended(long student) {
        return new Participant(UUID.randomUUID().toString(), UUID.randomUUID().toString(), student, "BOOKED", 3000);
    }

    private static void publish(String type, TeachingSessionEvent session) {
        TopicProbe.send(Topics.TEACHING_SESSIONS, session.sessionId(), TestEvents.cloudEvent(type, session.sessionId(), session));
    }

    private long reviewable(String sessionId) {
        return count("SELECT count(*) FROM reviewable_session WHERE session_id = $1", sessionId);
    }

    /** A session completed for {@code tutor} with these attending students, once the consumer has stored it. */
    private String completed(long tutor, long... students) {
        String id = UUID.randomUUID().toString();
        List<Participant> participants = Arrays.stream(students).mapToObj(ReviewApiTest::attended).toList();
        publish(EventTypes.TEACHING_SESSION_COMPLETED, session(id, tutor, "COMPLETED", null, participants));
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewable(id) == students.length);
        return id;
    }

    private WebTestClient.ResponseSpec review(long student, String sessionId, int rating) {
        return call(HttpMethod.POST, "/api/teaching/reviews", TestJwt.student(student), """
                {"session_id": "%s", "rating": %d, "categories": {"knowledge": 5, "communication": 4},
                 "comment": "Clear and patient"}""".formatted(sessionId, rating));
    }

    private static long created(WebTestClient.ResponseSpec response) {
        return json(response.expectStatus().isCreated()).at("/data/id").asLong();
    }

    private static void status(WebTestClient.ResponseSpec response, int status, String message) {
        response.expectStatus().isEqualTo(status).expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo(message);
    }

    @Test
    void aParticipantOfACompletedSessionReviewsItOnceAndTheTutorAnswersOnce() {
        long tutor = approvedTutor("UTC");
        long student = newUser();
        long absent = newUser();
        String id = UUID.randomUUID().toString();
        publish(EventTypes.TEACHING_SESSION_COMPLETED, session(id, tutor, "COMPLETED", null, List.of(attended(student),
                new Participant("p", "b", absent, "BOOKED", 0))));
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewable(id) == 1);

        JsonNode created = json(review(student, id, 4).expectStatus().isCreated());
        assertThat(created.at("/message").asString()).isEqualTo("Review submitted");
        assertThat(created.at("/data/rating").asInt()).isEqualTo(4);
        assertThat(created.at("/data/categories/knowledge").asInt()).isEqualTo(5);
        assertThat(created.at("/data/tutor_id").asLong()).isEqualTo(tutor);
        long reviewId = created.at("/data/id").asLong();

        status(review(student, id, 5), 409, "You have already reviewed this session");
        status(review(absent, id, 5), 403, "Only a participant of this session can review it");
        status(call(HttpMethod.POST, "/api/teaching/reviews", TestJwt.tutor(tutor),
                "{\"session_id\": \"" + id + "\", \"rating\": 5}"), 403, "Only a participant of this session can review it");
        status(review(student, UUID.randomUUID().toString(), 5), 409, "Only a completed session can be reviewed");
        call(HttpMethod.POST, "/api/teaching/reviews", null, "{\"session_id\": \"" + id + "\", \"rating\": 5}")
                .expectStatus().isUnauthorized();

        String answer = "/api/teaching/reviews/" + reviewId + "/response";
        status(call(HttpMethod.POST, answer, TestJwt.tutor(newUser()), "{\"response\": \"Thanks\"}"), 403,
                "Only the reviewed tutor can answer this review");
        status(call(HttpMethod.POST, answer, TestJwt.student(student), "{\"response\": \"Thanks\"}"), 403,
                "Only the reviewed tutor can answer this review");
        call(HttpMethod.POST, answer, TestJwt.tutor(tutor), "{\"response\": \"Thank you, see you next week\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.data.response").isEqualTo("Thank you, see you next week");
        status(call(HttpMethod.POST, answer, TestJwt.tutor(tutor), "{\"response\": \"Again\"}"), 409,
                "You have already answered this review");
        status(call(HttpMethod.POST, "/api/teaching/reviews/999999999/response", TestJwt.tutor(tutor),
                "{\"response\": \"x\"}"), 404, "Review not found");

        JsonNode page = json(get("/api/teaching/tutors/" + tutor + "/reviews", null).expectStatus().isOk());
        assertThat(page.at("/data/rating").decimalValue()).isEqualByComparingTo("4.00");
        assertThat(page.at("/data/review_count").asInt()).isEqualTo(1);
        assertThat(page.at("/data/reviews/0/response").asString()).isEqualTo("Thank you, see you next week");
        assertThat(page.at("/data/reviews/0/reviewer_name").asString()).isEqualTo("User " + student);
        assertThat(page.at("/data/reviews/0/student_id").isMissingNode()).isTrue();
        assertThat(page.at("/data/pagination/total").asLong()).isEqualTo(1);

        JsonNode mine = json(get("/api/teaching/reviews/my", TestJwt.student(student)).expectStatus().isOk());
        assertThat(mine.at("/data/reviews/0/id").asLong()).isEqualTo(reviewId);
        JsonNode received = json(get("/api/teaching/reviews/received", TestJwt.tutor(tutor)).expectStatus().isOk());
        assertThat(received.at("/data/reviews/0/id").asLong()).isEqualTo(reviewId);
        get("/api/teaching/reviews/received", TestJwt.student(student)).expectStatus().isForbidden();
        assertThat(outboxEvents(EventTypes.REVIEW_PUBLISHED, tutor)).isEqualTo(1);
    }

    @Test
    void badInputIsAClear400() {
        long tutor = approvedTutor("UTC");
        long student = newUser();
        String id = completed(tutor, student);
        String token = TestJwt.student(student);
        String path = "/api/teaching/reviews";
        for (String rating : List.of("0", "6", "-3", "4.5", "9223372036854775808", "1e400")) {
            refused(call(HttpMethod.POST, path, token, "{\"session_id\": \"%s\", \"rating\": %s}".formatted(id, rating)),
                    "rating", rating.equals("4.5") ? "rating must be a whole number" : "rating must be between 1 and 5");
        }
        refused(call(HttpMethod.POST, path, token, "{\"session_id\": \"" + id + "\"}"), "rating", "rating is required");
        refused(call(HttpMethod.POST, path, token, "{\"rating\": 5}"), "session_id", "session_id is required");
        refused(call(HttpMethod.POST, path, token, "{\"session_id\": \"" + id + "\", \"rating\": 5, "
                + "\"categories\": {\"value\": 0}}"), "categories.value", "categories.value must be between 1 and 5");
        refused(call(HttpMethod.POST, path, token, "{\"session_id\": \"" + id + "\", \"rating\": 5, "
                        + "\"categories\": {\"looks\": 5}}"), "categories",
                "categories can only rate knowledge, communication, punctuality and value");
        refused(call(HttpMethod.POST, path, token, "{\"session_id\": \"" + id + "\", \"rating\": 5, \"comment\": \""
                + "x".repeat(5001) + "\"}"), "comment", "comment must be at most 5000 characters");
        call(HttpMethod.POST, path, token, "{\"session_id\": \"" + id + "\", \"rating\": 5, \"comment\": \"a\\u0000b\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.success").isEqualTo(false);
        call(HttpMethod.POST, path, token, "{\"session_id\": \"" + id + "\", \"rating\": \"five\"}")
                .expectStatus().isBadRequest();
        call(HttpMethod.POST, path, token, "[1, 2]").expectStatus().isBadRequest();
        call(HttpMethod.POST, path, token, "{\"session_id\": \"" + id + "\", \"rating\": 5, \"comment\": \""
                + "x".repeat(2 * 1024 * 1024) + "\"}").expectStatus().value(s -> assertThat(s).isBetween(400, 499));
        call(HttpMethod.POST, "/api/teaching/reviews/abc/response", TestJwt.tutor(tutor), "{\"response\": \"x\"}")
                .expectStatus().isBadRequest();
        call(HttpMethod.POST, "/api/teaching/reviews/99999999999999999999/response", TestJwt.tutor(tutor),
                "{\"response\": \"x\"}").expectStatus().isBadRequest();
        get("/api/teaching/tutors/" + tutor + "/reviews?limit=1000", null).expectStatus().isBadRequest();
        get("/api/admin/teaching/reviews?hidden=maybe", ADMIN).expectStatus().isBadRequest();
        // Nothing was stored by any of these.
        assertThat(count("SELECT count(*) FROM session_review WHERE session_id = $1", id)).isZero();
    }

    @Test
    void theAverageFeedsTheDirectoryAndModerationHidesAndRecounts() {
        String subject = "reviews-" + newUser();
        long strong = listedTutor(subject, 40);
        long weak = listedTutor(subject, 30);
        long a = newUser();
        long b = newUser();
        long c = newUser();
        long five = created(review(a, completed(strong, a), 5));
        created(review(b, completed(strong, b), 4));
        created(review(c, completed(weak, c), 3));

        assertThat(directory(subject, "")).containsExactly(strong, weak);
        assertThat(directory(subject, "&min_rating=4")).containsExactly(strong);
        JsonNode listed = json(get("/api/teaching/tutors/" + strong, null).expectStatus().isOk());
        assertThat(listed.at("/data/rating").decimalValue()).isEqualByComparingTo("4.50");
        assertThat(listed.at("/data/review_count").asInt()).isEqualTo(2);

        String hide = "/api/admin/teaching/reviews/" + five + "/hide";
        call(HttpMethod.POST, hide, TestJwt.student(a), "{\"reason\": \"mine\"}").expectStatus().isForbidden();
        refused(call(HttpMethod.POST, hide, ADMIN, "{}"), "reason", "reason is required");
        refused(call(HttpMethod.POST, hide, ADMIN, "{\"reason\": \"x\\u0000\"}"), "reason",
                "reason must not contain control characters");
        call(HttpMethod.POST, hide, ADMIN, "{\"reason\": \"Personal details of another student\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.data.hidden").isEqualTo(true);
        status(call(HttpMethod.POST, hide, ADMIN, "{\"reason\": \"again\"}"), 409, "This review is already hidden");

        JsonNode page = json(get("/api/teaching/tutors/" + strong + "/reviews", null));
        assertThat(page.at("/data/reviews").size()).isEqualTo(1);
        assertThat(page.at("/data/reviews/0/rating").asInt()).isEqualTo(4);
        assertThat(page.at("/data/rating").decimalValue()).isEqualByComparingTo("4.00");
        assertThat(page.at("/data/review_count").asInt()).isEqualTo(1);
        assertThat(directory(subject, "&min_rating=4.5")).isEmpty();
        // The author still sees their review, marked hidden.
        assertThat(json(get("/api/teaching/reviews/my", TestJwt.student(a))).at("/data/reviews/0/hidden").asBoolean()).isTrue();

        JsonNode hidden = json(get("/api/admin/teaching/reviews?hidden=true&tutor_id=" + strong, ADMIN).expectStatus().isOk());
        assertThat(hidden.at("/data/reviews").size()).isEqualTo(1);
        assertThat(hidden.at("/data/reviews/0/hidden_reason").asString()).isEqualTo("Personal details of another student");

        call(HttpMethod.POST, "/api/admin/teaching/reviews/" + five + "/unhide", ADMIN, "{\"reason\": \"Edited by support\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.data.hidden").isEqualTo(false);
        status(call(HttpMethod.POST, "/api/admin/teaching/reviews/" + five + "/unhide", ADMIN, null), 409,
                "This review is not hidden");
        assertThat(directory(subject, "&min_rating=4.5")).containsExactly(strong);

        JsonNode detail = json(get("/api/admin/teaching/reviews/" + five, ADMIN).expectStatus().isOk());
        assertThat(detail.at("/data/audit").size()).isEqualTo(2);
        assertThat(detail.at("/data/audit/0/action").asString()).isEqualTo("hidden");
        assertThat(detail.at("/data/audit/0/reason").asString()).isEqualTo("Personal details of another student");
        assertThat(detail.at("/data/audit/0/actor_id").asLong()).isEqualTo(9001);
        assertThat(detail.at("/data/audit/1/action").asString()).isEqualTo("unhidden");
        assertThat(detail.at("/data/audit/1/reason").asString()).isEqualTo("Edited by support");
        assertThat(outboxEvents(EventTypes.REVIEW_HIDDEN, strong)).isEqualTo(1);
        assertThat(outboxEvents(EventTypes.REVIEW_UNHIDDEN, strong)).isEqualTo(1);
        status(call(HttpMethod.POST, "/api/admin/teaching/reviews/999999999/hide", ADMIN, "{\"reason\": \"x\"}"), 404,
                "Review not found");
    }

    @Test
    void theRequestJobAsksEachParticipantOnceAndNeverForCancelledOrNoShowSessions() {
        long tutor = approvedTutor("UTC");
        long asked = newUser();
        long reviewed = newUser();
        long cancelledStudent = newUser();
        long noShowStudent = newUser();
        String cancelled = UUID.randomUUID().toString();
        String noShow = UUID.randomUUID().toString();
        publish(EventTypes.TEACHING_SESSION_CANCELLED, session(cancelled, tutor, "CANCELLED", null,
                List.of(attended(cancelledStudent))));
        publish(EventTypes.TEACHING_SESSION_NO_SHOW, session(noShow, tutor, "NO_SHOW", "STUDENTS",
                List.of(attended(noShowStudent))));
        String session = completed(tutor, asked, reviewed);
        created(review(reviewed, session, 5));

        get("/api/cron/scheduling/review-requests", null).expectStatus().isUnauthorized();
        get("/api/cron/scheduling/review-requests", CRON_SECRET).expectStatus().isOk();
        assertThat(outboxEvents(EventTypes.REVIEW_REQUESTED, tutor)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_type = $1 AND message_key = $2 "
                + "AND payload LIKE $3", EventTypes.REVIEW_REQUESTED, Long.toString(tutor), "%\"student_id\":" + asked + "%"))
                .isEqualTo(1);
        assertThat(reviewable(cancelled) + reviewable(noShow)).isZero();

        call(HttpMethod.POST, "/api/admin/teaching/jobs/review-requests", ADMIN, null).expectStatus().isOk();
        assertThat(outboxEvents(EventTypes.REVIEW_REQUESTED, tutor)).isEqualTo(1);
    }

    @Test
    void theConsumerStoresEachPairOnceHoweverOftenTheCompletionArrives() {
        long tutor = newUser();
        long student = newUser();
        String id = UUID.randomUUID().toString();
        TeachingSessionEvent done = session(id, tutor, "COMPLETED", null, List.of(attended(student)));
        String event = TestEvents.cloudEvent(UUID.randomUUID().toString(), EventTypes.TEACHING_SESSION_COMPLETED, id, done);
        TopicProbe.send(Topics.TEACHING_SESSIONS, id, event);
        TopicProbe.send(Topics.TEACHING_SESSIONS, id, event);
        // The same fact under a new event id (session-service republished it).
        publish(EventTypes.TEACHING_SESSION_COMPLETED, done);
        // A later event on the same key (so the same partition) tells when the three before it were handled.
        long marker = newUser();
        String later = UUID.randomUUID().toString();
        TopicProbe.send(Topics.TEACHING_SESSIONS, id, TestEvents.cloudEvent(EventTypes.TEACHING_SESSION_COMPLETED, id,
                session(later, tutor, "COMPLETED", null, List.of(attended(marker)))));
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewable(later) == 1);
        assertThat(reviewable(id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM reviewable_session WHERE student_id = $1", marker)).isEqualTo(1);
    }

    private long listedTutor(String subject, int rate) {
        long id = newUser();
        call(HttpMethod.PUT, "/api/teaching/profile", TestJwt.tutor(id), """
                {"display_name": "T%d", "bio": "Coach", "hourly_rate": %d, "time_zone": "UTC",
                 "subjects": [{"subject": "%s"}]}""".formatted(id, rate, subject)).expectStatus().isOk();
        call(HttpMethod.POST, "/api/teaching/profile/apply", TestJwt.tutor(id), null).expectStatus().isOk();
        call(HttpMethod.POST, "/api/admin/teaching/applications/" + id + "/approve", ADMIN, null).expectStatus().isOk();
        return id;
    }

    private List<Long> directory(String subject, String query) {
        JsonNode page = json(get("/api/teaching/tutors?subject=" + subject + query, null).expectStatus().isOk());
        return page.at("/data/tutors").valueStream().map(t -> t.get("id").asLong()).toList();
    }
}

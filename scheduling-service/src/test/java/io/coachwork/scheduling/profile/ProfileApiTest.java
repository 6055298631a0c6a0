package io.coachwork.scheduling.profile;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.scheduling.support.SchedulingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003's application and approval, the tutor's own profile, and the admins' audit log. */
class ProfileApiTest extends SchedulingIntegrationTest {

    private static final String PROFILE = "/api/teaching/profile";
    private static final String FULL = """
            {"display_name": "Ada Obi", "bio": "FIDE master, ten years of coaching",
             "achievements": ["FIDE Master 2019"], "video_url": "https://video.example.com/ada",
             "tags": ["Openings", "Endgames"], "experience_level": "expert", "hourly_rate": 60.5, "currency": "USD",
             "time_zone": "Africa/Lagos", "default_duration_minutes": 60, "minimum_duration_minutes": 30,
             "maximum_duration_minutes": 90, "booking_increment_minutes": 15, "buffer_before_minutes": 10,
             "buffer_after_minutes": 5, "minimum_notice_minutes": 240,
             "subjects": [{"subject": "Chess", "level": "FM", "hourly_rate": 75}, {"subject": "Go"}]}""";

    @Test
    void aNewTutorGetsADraftAndFillsItIn() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        get(PROFILE, token).expectStatus().isOk().expectBody()
                .jsonPath("$.data.tutor_id").isEqualTo(tutor)
                .jsonPath("$.data.status").isEqualTo("draft")
                .jsonPath("$.data.time_zone").isEqualTo("UTC")
                .jsonPath("$.data.display_name").isEqualTo("User " + tutor);

        call(HttpMethod.PUT, PROFILE, token, FULL).expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Profile updated successfully")
                .jsonPath("$.data.hourly_rate").isEqualTo(60.5)
                .jsonPath("$.data.currency").isEqualTo("USD")
                .jsonPath("$.data.tags[0]").isEqualTo("openings")
                .jsonPath("$.data.subjects[0].subject").isEqualTo("Chess")
                .jsonPath("$.data.subjects[0].hourly_rate").isEqualTo(75.0)
                .jsonPath("$.data.subjects[1].hourly_rate").doesNotExist()
                .jsonPath("$.data.booking_increment_minutes").isEqualTo(15)
                .jsonPath("$.data.buffer_before_minutes").isEqualTo(10)
                .jsonPath("$.data.minimum_notice_minutes").isEqualTo(240)
                .jsonPath("$.data.time_zone").isEqualTo("Africa/Lagos");

        // A partial update keeps everything else.
        call(HttpMethod.PUT, PROFILE, token, "{\"accepting_students\": false}").expectStatus().isOk().expectBody()
                .jsonPath("$.data.accepting_students").isEqualTo(false)
                .jsonPath("$.data.bio").isEqualTo("FIDE master, ten years of coaching")
                .jsonPath("$.data.subjects.length()").isEqualTo(2);
    }

    @Test
    void badProfileInputIsRefusedNamingTheFieldAndChangesNothing() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        call(HttpMethod.PUT, PROFILE, token, FULL).expectStatus().isOk();
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"time_zone\": \"Mars/Olympus\"}"), "time_zone",
                "time_zone must be an IANA time zone such as Africa/Lagos");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"time_zone\": \"+01:00\"}"), "time_zone",
                "time_zone must be an IANA time zone such as Africa/Lagos");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"hourly_rate\": 10.555}"), "hourly_rate",
                "hourly_rate can have at most 2 decimals");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"hourly_rate\": 1e40}"), "hourly_rate",
                "hourly_rate must be at most 1000000");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"buffer_before_minutes\": 99999999999999999999}"),
                "buffer_before_minutes", "buffer_before_minutes must be between 0 and 120");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"booking_increment_minutes\": 7}"), "booking_increment_minutes",
                "booking_increment_minutes must be one of 5, 10, 15, 20, 30, 60");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"default_duration_minutes\": 120}"), "default_duration_minutes",
                "default_duration_minutes must be between minimum_duration_minutes and maximum_duration_minutes");
        // Sessions last the minimum plus whole increments: 30 and 90 minutes here, so 60 cannot be the default.
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"booking_increment_minutes\": 60}"), "default_duration_minutes",
                "The default duration must be one of [30, 90]");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"bio\": \"nul \\u0000 byte\"}"), "bio",
                "bio must not contain control characters");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"currency\": \"XYZ\"}"), "currency",
                "currency must be an ISO 4217 code such as NGN or USD");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"video_url\": \"javascript:alert(1)\"}"), "video_url",
                "video_url must be an http(s) URL");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"experience_level\": \"godlike\"}"), "experience_level",
                "experience_level must be one of beginner, intermediate, advanced, expert");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"hourly_rate\": \"sixty\"}"), "hourly_rate",
                "hourly_rate has the wrong type");
        refused(call(HttpMethod.PUT, PROFILE, token, "{\"subjects\": [{\"subject\": \"Go\", \"hourly_rate\": [1]}]}"),
                "subjects.0.hourly_rate", "subjects.0.hourly_rate has the wrong type");
        call(HttpMethod.PUT, PROFILE, token, "[]").expectStatus().isBadRequest();
        call(HttpMethod.PUT, PROFILE, token, "{}").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Provide at least one profile field to change");
        call(HttpMethod.PUT, PROFILE, token, "{\"bio\": ").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.success").isEqualTo(false);

        get(PROFILE, token).expectBody()
                .jsonPath("$.data.time_zone").isEqualTo("Africa/Lagos")
                .jsonPath("$.data.hourly_rate").isEqualTo(60.5)
                .jsonPath("$.data.bio").isEqualTo("FIDE master, ten years of coaching")
                .jsonPath("$.data.currency").isEqualTo("USD");
    }

    @Test
    void anIncompleteProfileCannotApply() {
        long tutor = newUser();
        call(HttpMethod.POST, PROFILE + "/apply", TestJwt.tutor(tutor), null).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Complete your profile before applying: bio, subjects, hourly_rate missing")
                .jsonPath("$.errors[0].field").isEqualTo("bio");
        get(PROFILE, TestJwt.tutor(tutor)).expectBody().jsonPath("$.data.status").isEqualTo("draft");
    }

    @Test
    void aTutorAppliesAndAnAdminApprovesWithAnAuditLogAndAnEvent() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        call(HttpMethod.PUT, PROFILE, token, FULL).expectStatus().isOk();
        Instant applied = Instant.parse("2031-03-02T09:00:00Z");
        clock.set(applied);
        call(HttpMethod.POST, PROFILE + "/apply", token, null).expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Application submitted for review")
                .jsonPath("$.data.status").isEqualTo("pending")
                .jsonPath("$.data.applied_at").isEqualTo("2031-03-02T09:00:00.000Z");
        call(HttpMethod.POST, PROFILE + "/apply", token, null).expectStatus().isEqualTo(409);

        // Not listed while pending.
        get("/api/teaching/tutors/" + tutor, null).expectStatus().isNotFound();
        JsonNode pending = json(get("/api/admin/teaching/applications?limit=100", ADMIN).expectStatus().isOk());
        assertThat(pending.at("/data/applications").valueStream().anyMatch(a -> a.get("tutor_id").asLong() == tutor)).isTrue();

        // Students and tutors cannot decide.
        call(HttpMethod.POST, "/api/admin/teaching/applications/" + tutor + "/approve", TestJwt.student(newUser()), null)
                .expectStatus().isForbidden();
        call(HttpMethod.POST, "/api/admin/teaching/applications/" + tutor + "/approve", token, null)
                .expectStatus().isForbidden();

        clock.set(applied.plus(Duration.ofHours(3)));
        call(HttpMethod.POST, "/api/admin/teaching/applications/" + tutor + "/approve", ADMIN, null)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.message").isEqualTo("Tutor approved")
                .jsonPath("$.data.status").isEqualTo("approved")
                .jsonPath("$.data.decided_at").isEqualTo("2031-03-02T12:00:00.000Z");
        call(HttpMethod.POST, "/api/admin/teaching/applications/" + tutor + "/approve", ADMIN, null)
                .expectStatus().isEqualTo(409);

        get("/api/admin/teaching/applications/" + tutor, ADMIN).expectStatus().isOk().expectBody()
                .jsonPath("$.data.audit_log.length()").isEqualTo(2)
                .jsonPath("$.data.audit_log[0].action").isEqualTo("applied")
                .jsonPath("$.data.audit_log[0].actor_id").isEqualTo(tutor)
                .jsonPath("$.data.audit_log[1].action").isEqualTo("approved")
                .jsonPath("$.data.audit_log[1].actor_id").isEqualTo(9001);

        get("/api/teaching/tutors/" + tutor, null).expectStatus().isOk().expectBody()
                .jsonPath("$.data.id").isEqualTo(tutor)
                .jsonPath("$.data.display_name").isEqualTo("Ada Obi")
                .jsonPath("$.data.status").doesNotExist();

        ConsumerRecord<String, String> event = TopicProbe.awaitRecord(Topics.SCHEDULING_PROFILES,
                        r -> r.key().equals(Long.toString(tutor)), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no profile event for " + tutor));
        JsonNode cloudEvent = TestEvents.json().readTree(event.value());
        assertThat(cloudEvent.get("type").asString()).isEqualTo(EventTypes.TUTOR_PROFILE_APPROVED);
        assertThat(cloudEvent.at("/data/status").asString()).isEqualTo("approved");
        assertThat(cloudEvent.at("/data/time_zone").asString()).isEqualTo("Africa/Lagos");
        assertThat(cloudEvent.at("/data/hourly_rate_minor").asLong()).isEqualTo(6050);
        assertThat(cloudEvent.at("/data/decided_by").asLong()).isEqualTo(9001);
    }

    @Test
    void aRejectionNeedsAReasonAndTheTutorCanApplyAgain() {
        long tutor = newUser();
        String token = TestJwt.tutor(tutor);
        call(HttpMethod.PUT, PROFILE, token, FULL).expectStatus().isOk();
        call(HttpMethod.POST, PROFILE + "/apply", token, null).expectStatus().isOk();
        String reject = "/api/admin/teaching/applications/" + tutor + "/reject";
        refused(call(HttpMethod.POST, reject, ADMIN, "{}"), "reason", "reason is required");
        refused(call(HttpMethod.POST, reject, ADMIN, "{\"reason\": \"  \"}"), "reason", "reason is required");
        call(HttpMethod.POST, reject, ADMIN, "{\"reason\": \"Add a video introduction\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.data.status").isEqualTo("rejected")
                .jsonPath("$.data.rejection_reason").isEqualTo("Add a video introduction");
        assertThat(outboxEvents(EventTypes.TUTOR_PROFILE_REJECTED, tutor)).isEqualTo(1);
        get(PROFILE, token).expectBody().jsonPath("$.data.rejection_reason").isEqualTo("Add a video introduction");

        call(HttpMethod.POST, PROFILE + "/apply", token, null).expectStatus().isOk().expectBody()
                .jsonPath("$.data.status").isEqualTo("pending")
                .jsonPath("$.data.rejection_reason").doesNotExist();
        assertThat(count("SELECT count(*) FROM profile_audit WHERE tutor_id = $1", tutor)).isEqualTo(3);
        call(HttpMethod.POST, "/api/admin/teaching/applications/" + newUser() + "/approve", ADMIN, null)
                .expectStatus().isNotFound();
    }

    @Test
    void onlyTutorsHaveProfilesAndTheDirectoryIsPublic() {
        get(PROFILE, TestJwt.student(newUser())).expectStatus().isForbidden();
        get(PROFILE, null).expectStatus().isUnauthorized();
        get("/api/admin/teaching/applications", TestJwt.tutor(newUser())).expectStatus().isForbidden();
        get("/api/teaching/tutors", null).expectStatus().isOk().expectBody().jsonPath("$.success").isEqualTo(true);
    }
}

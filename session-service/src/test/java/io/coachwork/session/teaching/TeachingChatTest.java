package io.coachwork.session.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.session.support.TeachingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002 §5: chat in ONE_TO_ONE sessions only, between the tutor and the booked student. */
class TeachingChatTest extends TeachingIntegrationTest {

    private static final Instant START = Instant.parse("2044-06-01T12:00:00Z");

    private static String message(String text) {
        return "{\"content\": \"" + text + "\"}";
    }

    @Test
    void theTwoPeopleOfAOneToOneSessionExchangeMessagesReadNewestFirstInPages() {
        clock.set(START.minus(Duration.ofHours(2)));
        long tutor = newUser();
        long student = newUser();
        String id = bookedSession(tutor, "ONE_TO_ONE", 1, START, 60, student);

        JsonNode sent = json(post(student, "/" + id + "/messages", message("Hello! Shall we do chapter 3?"))
                .expectStatus().isCreated());
        assertThat(sent.at("/data/sender_id").asLong()).isEqualTo(student);
        assertThat(sent.at("/data/content").asString()).isEqualTo("Hello! Shall we do chapter 3?");
        clock.advance(Duration.ofMinutes(1));
        post(tutor, "/" + id + "/messages", message("Yes, bring your notes.")).expectStatus().isCreated();
        clock.advance(Duration.ofMinutes(1));
        post(student, "/" + id + "/messages", message("Great")).expectStatus().isCreated();

        JsonNode page = json(get(tutor, "/" + id + "/messages?limit=2").expectStatus().isOk());
        assertThat(page.at("/data/messages")).extracting(m -> m.get("content").asString())
                .containsExactly("Great", "Yes, bring your notes.");
        assertThat(page.at("/data/pagination/total").asLong()).isEqualTo(3);
        assertThat(page.at("/data/pagination/pages").asLong()).isEqualTo(2);
        JsonNode second = json(get(student, "/" + id + "/messages?limit=2&page=2").expectStatus().isOk());
        assertThat(second.at("/data/messages")).extracting(m -> m.get("content").asString())
                .containsExactly("Hello! Shall we do chapter 3?");

        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_MESSAGE, id)).isEqualTo(3);
        JsonNode event = lastEvent(EventTypes.TEACHING_SESSION_MESSAGE, id);
        assertThat(event.get("actor_id").asLong()).isEqualTo(student);
        assertThat(event.get("detail").asString()).matches("[0-9]+");

        long outsider = newUser();
        post(outsider, "/" + id + "/messages", message("hi")).expectStatus().isNotFound();
        get(outsider, "/" + id + "/messages").expectStatus().isNotFound();
        get(tutor, "/" + id + "/messages?limit=1000").expectStatus().isBadRequest();
        get(tutor, "/" + id + "/messages?page=99999999999999999999").expectStatus().isBadRequest();
    }

    @Test
    void aGroupSessionHasNoChat() {
        clock.set(START.minus(Duration.ofHours(2)));
        long tutor = newUser();
        long student = newUser();
        String id = bookedSession(tutor, "GROUP", 5, START, 60, student);
        post(student, "/" + id + "/messages", message("hi")).expectStatus().isForbidden().expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Chat is available only in ONE_TO_ONE sessions; GROUP sessions have no chat");
        post(tutor, "/" + id + "/messages", message("hi")).expectStatus().isForbidden();
        get(tutor, "/" + id + "/messages").expectStatus().isForbidden();
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_MESSAGE, id)).isZero();
    }

    @Test
    void badMessagesAreRefusedWithA4xx() {
        clock.set(START.minus(Duration.ofHours(2)));
        long tutor = newUser();
        long student = newUser();
        String id = bookedSession(tutor, "ONE_TO_ONE", 1, START, 60, student);
        post(student, "/" + id + "/messages", message("nul \\u0000 here")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("content must not contain control characters");
        post(student, "/" + id + "/messages", message("   ")).expectStatus().isBadRequest();
        post(student, "/" + id + "/messages", "{}").expectStatus().isBadRequest();
        post(student, "/" + id + "/messages", "{\"content\": 12").expectStatus().isBadRequest();
        post(student, "/" + id + "/messages", message("x".repeat(4001))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("content must be at most 4000 characters");
        post(student, "/" + id + "/messages", message("x".repeat(2 * 1024 * 1024))).expectStatus().isEqualTo(413);
        post(student, "/not-a-uuid/messages", message("hi")).expectStatus().isNotFound();
        assertThat(json(get(student, "/" + id + "/messages")).at("/data/pagination/total").asLong()).isZero();
    }
}

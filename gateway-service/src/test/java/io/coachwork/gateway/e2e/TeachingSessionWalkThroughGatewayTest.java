package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.TestJwt;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10's walk through the gateway: a paid ONE_TO_ONE booking becomes a teaching session the tutor
 * starts (the e2e services let a session start 30 days ahead, so the walk need not wait for the clock);
 * the student joins with an Agora token, they chat and exchange files, the student drops and rejoins,
 * the tutor completes it and the tutor's wallet shows the earnings less the commission. A GROUP session
 * refuses chat and student uploads.
 */
class TeachingSessionWalkThroughGatewayTest extends EndToEndTest {


    private WebTestClient.ResponseSpec upload(String sessionId, String token, String name, String type, byte[] content) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        }).contentType(MediaType.parseMediaType(type));
        return gateway.post().uri("/api/teaching/sessions/" + sessionId + "/files").headers(h -> h.setBearerAuth(token))
                .body(BodyInserters.fromMultipartData(form.build())).exchange();
    }

    @Test
    void aOneToOneSessionRunsFromStartToEarnings() {
        long tutor = approvedTutor();
        String tutorToken = TestJwt.tutor(tutor);
        long student = newUser();
        String studentToken = TestJwt.student(student);
        String session = paidBooking(tutor, studentToken, "ONE_TO_ONE", "10:00", "11:00").get("teaching_session_id").asString();

        await().atMost(patience()).untilAsserted(() -> send("GET", "/api/teaching/sessions/" + session, tutorToken, null)
                .expectStatus().isOk());
        send("PATCH", "/api/teaching/sessions/" + session + "/start", studentToken, null).expectStatus().is4xxClientError();
        send("PATCH", "/api/teaching/sessions/" + session + "/start", tutorToken, null).expectStatus().isOk()
                .expectBody().jsonPath("$.data.status").isEqualTo("IN_PROGRESS");

        // The student joins with an Agora token; in ONE_TO_ONE they publish too.
        JsonNode join = data(send("POST", "/api/teaching/sessions/" + session + "/join", studentToken, null)
                .expectStatus().isOk());
        assertThat(join.at("/video/token").asString()).startsWith("007");
        assertThat(join.at("/video/app_id").asString()).isEqualTo(RunningPlatform.AGORA_APP_ID);
        assertThat(join.at("/video/role").asString()).isEqualTo("publisher");
        send("POST", "/api/teaching/sessions/" + session + "/join", TestJwt.student(newUser()), null).expectStatus().isNotFound();

        // They chat and exchange files.
        send("POST", "/api/teaching/sessions/" + session + "/messages", studentToken, "{\"content\": \"Hello, ready?\"}")
                .expectStatus().isCreated();
        send("POST", "/api/teaching/sessions/" + session + "/messages", tutorToken, "{\"content\": \"Yes, let us begin\"}")
                .expectStatus().isCreated();
        JsonNode messages = data(send("GET", "/api/teaching/sessions/" + session + "/messages", tutorToken, null)
                .expectStatus().isOk()).get("messages");
        assertThat(messages.valueStream().map(m -> m.get("content").asString()))
                .containsExactlyInAnyOrder("Hello, ready?", "Yes, let us begin");
        upload(session, studentToken, "homework.txt", "text/plain", "F = m a".getBytes()).expectStatus().isCreated();
        upload(session, tutorToken, "notes.txt", "text/plain", "Newton's laws".getBytes()).expectStatus().isCreated();
        JsonNode files = data(send("GET", "/api/teaching/sessions/" + session + "/files", studentToken, null)
                .expectStatus().isOk()).get("files");
        assertThat(files.size()).isEqualTo(2);
        String notes = files.valueStream().filter(f -> f.get("file_name").asString().equals("notes.txt")).findFirst()
                .orElseThrow().get("id").asString();
        assertThat(send("GET", "/api/teaching/sessions/" + session + "/files/" + notes + "/content", studentToken, null)
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()).isEqualTo("Newton's laws");

        // The student's connection drops; they rejoin, and the session is as it was.
        send("POST", "/api/teaching/sessions/" + session + "/leave", studentToken, null).expectStatus().isOk();
        send("POST", "/api/teaching/sessions/" + session + "/join", studentToken, null).expectStatus().isOk();
        send("GET", "/api/teaching/sessions/" + session, studentToken, null).expectStatus().isOk()
                .expectBody().jsonPath("$.data.status").isEqualTo("IN_PROGRESS");

        send("PATCH", "/api/teaching/sessions/" + session + "/complete", tutorToken, null).expectStatus().isOk()
                .expectBody().jsonPath("$.data.status").isEqualTo("COMPLETED");

        // The tutor is paid 60 USD less the default 10% commission, once.
        JsonNode earnings = await().atMost(patience()).until(
                () -> data(send("GET", "/api/marketplace/tutor/wallet/earnings", tutorToken, null).expectStatus().isOk()),
                e -> e.get("earnings").size() == 1);
        JsonNode earning = earnings.get("earnings").get(0);
        assertThat(earning.get("teaching_session_id").asString()).isEqualTo(session);
        assertThat(earning.get("gross").asDouble()).isEqualTo(60.0);
        assertThat(earning.get("commission").asDouble()).isEqualTo(6.0);
        assertThat(earning.get("net").asDouble()).isEqualTo(54.0);
        assertBooksReconcile();
    }

    @Test
    void aGroupSessionRefusesChatAndStudentUploads() {
        long tutor = approvedTutor();
        String tutorToken = TestJwt.tutor(tutor);
        String studentToken = TestJwt.student(newUser());
        String session = paidBooking(tutor, studentToken, "GROUP", "14:00", "15:00").get("teaching_session_id").asString();
        await().atMost(patience()).untilAsserted(() -> send("GET", "/api/teaching/sessions/" + session, studentToken, null)
                .expectStatus().isOk());

        send("POST", "/api/teaching/sessions/" + session + "/messages", studentToken, "{\"content\": \"Hi all\"}")
                .expectStatus().isForbidden();
        upload(session, studentToken, "answers.txt", "text/plain", "42".getBytes()).expectStatus().isForbidden();
        upload(session, tutorToken, "slides.txt", "text/plain", "Lesson 1".getBytes()).expectStatus().isCreated();
        assertThat(data(send("GET", "/api/teaching/sessions/" + session + "/files", studentToken, null)
                .expectStatus().isOk()).get("files").size()).isEqualTo(1);
    }
}

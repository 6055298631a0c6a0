package io.coachwork.session.teaching;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.session.support.TeachingIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002 §5's files: who uploads, who reads, limits, and downloads for the session's people only. */
class TeachingFilesTest extends TeachingIntegrationTest {

    private static final Instant START = Instant.parse("2045-07-01T12:00:00Z");

    private WebTestClient.ResponseSpec upload(long user, String id, String name, MediaType type, byte[] bytes) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }).contentType(type);
        return web.post().uri(TEACHING + "/" + id + "/files")
                .headers(h -> h.setBearerAuth(TestJwt.token(user, "tutor", "student")))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build())).exchange();
    }

    @Test
    void inAOneToOneSessionBothUploadAndOnlyTheyDownload() {
        clock.set(START.minus(Duration.ofHours(1)));
        long tutor = newUser();
        long student = newUser();
        String id = bookedSession(tutor, "ONE_TO_ONE", 1, START, 60, student);
        byte[] notes = "x^2 + y^2 = z^2\n".getBytes(StandardCharsets.UTF_8);

        JsonNode uploaded = json(upload(student, id, "my notes.txt", MediaType.TEXT_PLAIN, notes).expectStatus().isCreated());
        String fileId = uploaded.at("/data/id").asString();
        assertThat(uploaded.at("/data/file_name").asString()).isEqualTo("my notes.txt");
        assertThat(uploaded.at("/data/size_bytes").asLong()).isEqualTo(notes.length);
        assertThat(uploaded.at("/data/content_type").asString()).isEqualTo("text/plain");
        assertThat(uploaded.at("/data/download_url").asString())
                .isEqualTo("/api/teaching/sessions/" + id + "/files/" + fileId + "/content");
        upload(tutor, id, "slides.pdf", MediaType.APPLICATION_PDF, new byte[]{'%', 'P', 'D', 'F'}).expectStatus().isCreated();

        JsonNode list = json(get(tutor, "/" + id + "/files").expectStatus().isOk());
        assertThat(list.at("/data/files")).hasSize(2);
        byte[] downloaded = get(tutor, "/" + id + "/files/" + fileId + "/content").expectStatus().isOk()
                .expectHeader().contentType("text/plain")
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=.*my.*notes\\.txt.*")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody().returnResult().getResponseBody();
        assertThat(downloaded).isEqualTo(notes);

        long outsider = newUser();
        get(outsider, "/" + id + "/files").expectStatus().isNotFound();
        get(outsider, "/" + id + "/files/" + fileId + "/content").expectStatus().isNotFound();
        upload(outsider, id, "x.txt", MediaType.TEXT_PLAIN, notes).expectStatus().isNotFound();
        get(tutor, "/" + id + "/files/" + java.util.UUID.randomUUID() + "/content").expectStatus().isNotFound();
        get(tutor, "/" + id + "/files/not-a-file/content").expectStatus().isNotFound();

        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_FILE, id)).isEqualTo(2);
        assertThat(lastEvent(EventTypes.TEACHING_SESSION_FILE, id).get("detail").asString()).isEqualTo("slides.pdf");

        // The student deletes their own file; the tutor's is not theirs to delete.
        String slides = list.at("/data/files").valueStream().filter(f -> f.get("file_name").asString().equals("slides.pdf"))
                .findFirst().orElseThrow().get("id").asString();
        delete(student, "/" + id + "/files/" + slides).expectStatus().isForbidden();
        delete(student, "/" + id + "/files/" + fileId).expectStatus().isOk();
        delete(student, "/" + id + "/files/" + fileId).expectStatus().isNotFound();
        get(student, "/" + id + "/files/" + fileId + "/content").expectStatus().isNotFound();
        assertThat(json(get(student, "/" + id + "/files")).at("/data/files")).hasSize(1);
    }

    @Test
    void inAGroupSessionOnlyTheTutorUploadsAndStudentsRead() {
        clock.set(START.minus(Duration.ofHours(1)));
        long tutor = newUser();
        long student = newUser();
        String id = bookedSession(tutor, "GROUP", 5, START, 60, student, newUser());
        upload(student, id, "mine.pdf", MediaType.APPLICATION_PDF, new byte[]{1, 2, 3}).expectStatus().isForbidden()
                .expectBody().jsonPath("$.message").isEqualTo("Only the tutor can upload files in a GROUP session");
        String fileId = json(upload(tutor, id, "worksheet.pdf", MediaType.APPLICATION_PDF, new byte[]{1, 2, 3})
                .expectStatus().isCreated()).at("/data/id").asString();
        assertThat(get(student, "/" + id + "/files/" + fileId + "/content").expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).containsExactly(1, 2, 3);
        delete(student, "/" + id + "/files/" + fileId).expectStatus().isForbidden();
    }

    @Test
    void oversizeUnacceptedOrMalformedUploadsAreRefusedAndLeaveNothing() {
        clock.set(START.minus(Duration.ofHours(1)));
        long tutor = newUser();
        String id = bookedSession(tutor, "ONE_TO_ONE", 1, START, 60, newUser());
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');
        upload(tutor, id, "big.txt", MediaType.TEXT_PLAIN, big).expectStatus().isEqualTo(413).expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").value(m -> assertThat((String) m).startsWith("The file is larger than the limit"));
        upload(tutor, id, "tool.exe", MediaType.APPLICATION_OCTET_STREAM, new byte[]{1}).expectStatus().isEqualTo(415);
        upload(tutor, id, "bad\u0000name.txt", MediaType.TEXT_PLAIN, new byte[]{1}).expectStatus().isBadRequest();
        upload(tutor, id, "n".repeat(300) + ".txt", MediaType.TEXT_PLAIN, new byte[]{1}).expectStatus().isBadRequest();
        web.post().uri(TEACHING + "/" + id + "/files").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData("note", "no file here")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
        web.post().uri(TEACHING + "/" + id + "/files").headers(h -> h.setBearerAuth(TestJwt.tutor(tutor)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().value(s -> assertThat(s).isBetween(400, 499));
        assertThat(json(get(tutor, "/" + id + "/files")).at("/data/files")).isEmpty();
        assertThat(teachingEvents(EventTypes.TEACHING_SESSION_FILE, id)).isZero();
    }
}

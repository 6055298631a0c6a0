package io.coachwork.session.teaching.web;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.session.teaching.TeachingViews;
import io.coachwork.session.teaching.files.TeachingFiles;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seed 002 §5's session files. Upload: {@code multipart/form-data} with one part named {@code file}
 * (its Content-Type must be an accepted one, its size within the limit). Download answers the bytes
 * as an attachment, not in the envelope.
 */
@RestController
@RequestMapping("/api/teaching/sessions/{id}/files")
public class TeachingFileController {

    private final TeachingFiles files;

    public TeachingFileController(TeachingFiles files) {
        this.files = files;
    }

    /** The upload form as the OpenAPI document shows it (the handler reads the multipart body itself, after its checks). */
    @Schema(name = "TeachingFileUpload")
    public record UploadForm(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
            description = "The file; its part's Content-Type must be an accepted one") String file) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class)))
    public Mono<ResponseEntity<ApiResponse<TeachingViews.TeachingFile>>> uploadTeachingFile(
            @PathVariable String id, @Parameter(hidden = true) CurrentUser user, ServerWebExchange exchange) {
        return files.upload(id, user.id(), exchange)
                .map(f -> ResponseEntity.status(HttpStatus.CREATED).body(ApiResponse.ok("File uploaded", f)));
    }

    @GetMapping
    public Mono<ApiResponse<TeachingViews.TeachingFileList>> teachingFiles(@PathVariable String id, CurrentUser user) {
        return files.list(id, user.id()).map(ApiResponse::ok);
    }

    @DeleteMapping("/{fileId}")
    public Mono<ApiResponse<Void>> deleteTeachingFile(@PathVariable String id, @PathVariable String fileId, CurrentUser user) {
        return files.delete(id, user.id(), fileId).then(Mono.just(ApiResponse.ok("File deleted", null)));
    }

    @GetMapping("/{fileId}/content")
    public Mono<ResponseEntity<Flux<DataBuffer>>> downloadTeachingFile(@PathVariable String id, @PathVariable String fileId,
                                                           CurrentUser user) {
        return files.download(id, user.id(), fileId).map(d -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(d.file().contentType()))
                .contentLength(d.file().sizeBytes())
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(d.file().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(d.content()));
    }
}

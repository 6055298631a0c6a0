package io.coachwork.session.teaching.web;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.session.teaching.TeachingViews;
import io.coachwork.session.teaching.chat.TeachingChat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Seed 002 §5: the chat of ONE_TO_ONE sessions (403 for GROUP sessions). */
@RestController
@RequestMapping("/api/teaching/sessions/{id}/messages")
public class TeachingChatController {

    private final TeachingChat chat;

    public TeachingChatController(TeachingChat chat) {
        this.chat = chat;
    }

    public record MessageRequest(
            @NotBlank(message = "content is required")
            @Size(max = TeachingChat.MAX_LENGTH, message = "content must be at most 4000 characters") String content) {
    }

    @PostMapping
    public Mono<ResponseEntity<ApiResponse<TeachingViews.TeachingMessage>>> sendTeachingMessage(@PathVariable String id,
                                                                             @Valid @RequestBody MessageRequest request,
                                                                             CurrentUser user) {
        return chat.send(id, user.id(), request.content())
                .map(m -> ResponseEntity.status(HttpStatus.CREATED).body(ApiResponse.ok("Message sent", m)));
    }

    /** Newest first. */
    @GetMapping
    public Mono<ApiResponse<TeachingViews.TeachingMessagePage>> teachingMessages(@PathVariable String id,
                                                             @RequestParam(required = false) String page,
                                                             @RequestParam(required = false) String limit,
                                                             CurrentUser user) {
        return chat.list(id, user.id(), page, limit).map(ApiResponse::ok);
    }
}

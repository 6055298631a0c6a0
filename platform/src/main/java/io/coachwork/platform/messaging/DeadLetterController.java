package io.coachwork.platform.messaging;

import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Admins list the records this service could not process and send them round again. */
@RestController
@RequestMapping("/api/admin/${spring.application.name}/dead-letters")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public Mono<ApiResponse<DeadLetterPage>> list(@RequestParam(required = false) String page,
                                                       @RequestParam(required = false) String limit,
                                                       @RequestParam(name = "include_replayed", defaultValue = "false") boolean includeReplayed) {
        PageQuery query = PageQuery.of(page, limit);
        return Mono.zip(deadLetters.list(query, includeReplayed).collectList(), deadLetters.count(includeReplayed))
                .map(t -> ApiResponse.ok(new DeadLetterPage(t.getT1(), Pagination.of(t.getT2(), query))));
    }

    @PostMapping("/{id}/replay")
    public Mono<ApiResponse<DeadLetter>> replay(@PathVariable long id) {
        return deadLetters.replay(id).map(d -> ApiResponse.ok("Dead letter replayed", d));
    }

    public record DeadLetterPage(List<DeadLetter> deadLetters, Pagination pagination) {
    }
}

package io.coachwork.scheduling.statistics;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.scheduling.statistics.domain.Statement;
import io.coachwork.scheduling.statistics.domain.StatementCsv;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Seed 001's earnings reports: weekly and monthly statements per tutor, as JSON or CSV
 * ({@code /{id}.csv} or {@code Accept: text/csv}), made by the daily job or on demand.
 */
@RestController
public class StatementController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final StatementService statements;

    public StatementController(StatementService statements) {
        this.statements = statements;
    }

    @GetMapping("/api/teaching/statements")
    public Mono<ApiResponse<StatementViews.StatementPage>> listStatements(
            @RequestParam(required = false) String period, @RequestParam(name = "tutor_id", required = false) String tutorId,
            @RequestParam(required = false) String page, @RequestParam(required = false) String limit, CurrentUser user) {
        return statements.list(user, tutorId, period, page, limit).map(ApiResponse::ok);
    }

    @PostMapping("/api/teaching/statements")
    public Mono<ResponseEntity<ApiResponse<StatementViews.Detail>>> requestStatement(
            @RequestBody(required = false) StatementRequest request, CurrentUser user) {
        return statements.request(user, request).map(made -> ResponseEntity
                .status(made.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ApiResponse.ok(made.created() ? "Statement created" : "Statement unchanged since it was made",
                        StatementViews.Detail.of(made.statement()))));
    }

    @GetMapping("/api/teaching/statements/{ref}")
    public Mono<ResponseEntity<?>> statement(@PathVariable String ref,
                                             @RequestHeader(name = HttpHeaders.ACCEPT, required = false) List<String> accept,
                                             CurrentUser user) {
        boolean csv = ref.endsWith(".csv") || accept != null && accept.stream().anyMatch(a -> a.contains("text/csv"));
        return statements.read(user, ref).map(s -> csv ? csv(s) : ResponseEntity.ok(ApiResponse.ok(StatementViews.Detail.of(s))));
    }

    private static ResponseEntity<?> csv(Statement s) {
        String name = "statement-%d-%s-%s-v%d.csv".formatted(s.tutorId(), s.period().kind().value(), s.period().start(),
                s.version());
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(StatementCsv.write(s));
    }
}

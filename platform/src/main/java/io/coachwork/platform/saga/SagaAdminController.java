package io.coachwork.platform.saga;

import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Admins see this service's sagas by state ({@code stuck}: still unanswered after a resend or past
 * the step's deadline) and can run a recovery pass at once.
 */
@RestController
@RequestMapping("/api/admin/${spring.application.name}/sagas")
public class SagaAdminController {

    static final String STUCK = "stuck";

    private final SagaEngine engine;

    public SagaAdminController(SagaEngine engine) {
        this.engine = engine;
    }

    public record SagaPage(List<SagaEngine.SagaView> sagas, Pagination pagination) {
    }

    @GetMapping
    public Mono<ApiResponse<SagaPage>> list(@RequestParam(required = false) String state,
                                            @RequestParam(required = false) String page,
                                            @RequestParam(required = false) String limit) {
        PageQuery query = PageQuery.of(page, limit);
        String wanted = state == null || state.isBlank() ? null : state.trim().toLowerCase(Locale.ROOT);
        boolean stuck = STUCK.equals(wanted);
        Set<SagaState> states = wanted == null ? EnumSet.allOf(SagaState.class)
                : stuck ? EnumSet.of(SagaState.AWAITING, SagaState.COMPENSATING) : EnumSet.of(parse(wanted));
        return Mono.zip(engine.list(states, stuck, query.limit(), query.offset()).collectList(),
                        engine.count(states, stuck))
                .map(t -> ApiResponse.ok(new SagaPage(t.getT1(), Pagination.of(t.getT2(), query))));
    }

    @PostMapping("/recover")
    public Mono<ApiResponse<SagaEngine.Recovery>> recover() {
        return engine.recover().map(r -> ApiResponse.ok("Saga recovery completed", r));
    }

    private static SagaState parse(String state) {
        return Arrays.stream(SagaState.values()).filter(s -> s.value().equals(state)).findFirst()
                .orElseThrow(() -> ApiException.invalidField("state", "Invalid state. Valid states: "
                        + Arrays.stream(SagaState.values()).map(SagaState::value).collect(Collectors.joining(", "))
                        + ", " + STUCK));
    }
}

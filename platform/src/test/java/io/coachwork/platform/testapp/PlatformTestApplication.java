package io.coachwork.platform.testapp;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** A minimal service built on the platform library, used only by the platform's own tests. */
@SpringBootApplication
public class PlatformTestApplication {

    public static final String TOPIC = "platform-test.effects";
    public static final String EFFECT_RECORDED = "coachwork.test.effect.recorded.v1";
    public static final String EFFECT_REQUESTED = "coachwork.test.effect.requested.v1";

    public record EffectRequest(@NotBlank(message = "name is required") String name,
                                @NotNull(message = "amount is required") @Min(value = 1, message = "amount must be at least 1") Integer amount) {
    }

    public record GroupRequest(String title, List<Long> studentIds, Integer seats) {
    }

    public record Effect(long id, String name, int amount, long userId) {
    }

    /** Test-controlled gates: a gated request waits in its handler until the test opens its gate. */
    public static final class Gates {
        private final Map<String, Sinks.Empty<Void>> gates = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> entered = new ConcurrentHashMap<>();

        Mono<Void> pass(String name) {
            entered.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            return gate(name).asMono();
        }

        public void open(String name) {
            gate(name).tryEmitEmpty();
        }

        /** How many times a handler reached the gate (or ran at all, for ungated handlers). */
        public int entered(String name) {
            AtomicInteger n = entered.get(name);
            return n == null ? 0 : n.get();
        }

        int enter(String name) {
            return entered.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        }

        private Sinks.Empty<Void> gate(String name) {
            return gates.computeIfAbsent(name, n -> Sinks.empty());
        }
    }

    @Bean
    Gates gates() {
        return new Gates();
    }

    @Bean
    AuthorizationRules testRules() {
        return exchanges -> exchanges.pathMatchers("/api/test/tutor/**").hasRole(CurrentUser.TUTOR)
                .pathMatchers("/api/test/student/**").hasRole(CurrentUser.STUDENT);
    }

    @Bean
    EventHandler effectRequests(DatabaseClient db, EventCodec codec) {
        return new EffectRequestHandler("effects", TOPIC, db, codec);
    }

    /** Applies requested effects from Kafka; fails while the effect's name is in test_blocker. */
    public record EffectRequestHandler(String name, String topic, DatabaseClient db, EventCodec codec)
            implements EventHandler {

        @Override
        public Set<String> topics() {
            return Set.of(topic);
        }

        @Override
        public Mono<Void> handle(CloudEvent event) {
            if (!EFFECT_REQUESTED.equals(event.type())) {
                return Mono.empty();
            }
            EffectRequest request = codec.data(event, EffectRequest.class);
            return db.sql("SELECT count(*) AS n FROM test_blocker WHERE name = :n").bind("n", request.name())
                    .map((row, meta) -> row.get("n", Long.class)).one()
                    .flatMap(blocked -> blocked > 0
                            ? Mono.error(new IllegalStateException("refusing " + request.name()))
                            : db.sql("INSERT INTO test_effect (name, amount, user_id) VALUES (:n, :a, 0)")
                                    .bind("n", request.name()).bind("a", request.amount()).fetch().rowsUpdated())
                    .then();
        }
    }

    @RestController
    static class EffectController {

        private final DatabaseClient db;
        private final OutboxWriter outbox;
        private final TransactionalOperator tx;
        private final Gates gates;

        EffectController(DatabaseClient db, OutboxWriter outbox, TransactionalOperator tx, Gates gates) {
            this.db = db;
            this.outbox = outbox;
            this.tx = tx;
            this.gates = gates;
        }

        @PostMapping("/api/test/tutor/effects")
        @ResponseStatus(HttpStatus.CREATED)
        Mono<ApiResponse<Effect>> create(@Valid @RequestBody EffectRequest request, CurrentUser user) {
            Mono<Effect> work = db.sql("INSERT INTO test_effect (name, amount, user_id) VALUES (:n, :a, :u) RETURNING id")
                    .bind("n", request.name()).bind("a", request.amount()).bind("u", user.id())
                    .map((row, meta) -> new Effect(row.get("id", Long.class), request.name(), request.amount(), user.id()))
                    .one()
                    .flatMap(effect -> outbox.append(TOPIC, Long.toString(effect.id()), EFFECT_RECORDED, effect)
                            .thenReturn(effect))
                    .flatMap(effect -> request.name().startsWith("rollback")
                            ? Mono.error(ApiException.conflict("rolled back on purpose")) : Mono.just(effect));
            return tx.transactional(work).map(e -> ApiResponse.ok("Effect recorded", e));
        }

        /** A bodiless POST, as /start, /end and job triggers are. */
        @PostMapping("/api/test/tutor/bumps/{name}")
        Mono<ResponseEntity<ApiResponse<Effect>>> bump(@PathVariable String name, CurrentUser user) {
            return insert(name, user).map(e -> ResponseEntity.created(URI.create("/api/test/tutor/effects/" + e.id()))
                    .body(ApiResponse.ok("Bumped", e)));
        }

        /** Waits for the test to open the gate named in the path, then records the effect. */
        @PostMapping("/api/test/tutor/gated/{name}")
        @ResponseStatus(HttpStatus.CREATED)
        Mono<ApiResponse<Effect>> gated(@PathVariable String name, CurrentUser user) {
            return gates.pass(name).then(insert(name, user)).map(ApiResponse::ok);
        }

        /** Fails with a 500 the first time it runs for a name, succeeds afterwards. */
        @PostMapping("/api/test/tutor/flaky/{name}")
        @ResponseStatus(HttpStatus.CREATED)
        Mono<ApiResponse<Effect>> flaky(@PathVariable String name, CurrentUser user) {
            return Mono.defer(() -> gates.enter(name) == 1 ? Mono.error(new IllegalStateException("first attempt fails"))
                    : insert(name, user).map(ApiResponse::ok));
        }

        private Mono<Effect> insert(String name, CurrentUser user) {
            return db.sql("INSERT INTO test_effect (name, amount, user_id) VALUES (:n, 1, :u) RETURNING id")
                    .bind("n", name).bind("u", user.id())
                    .map((row, meta) -> new Effect(row.get("id", Long.class), name, 1, user.id()))
                    .one();
        }

        /** Echoes what it bound, so tests see what reached a handler. */
        @PostMapping("/api/test/tutor/groups")
        Mono<ApiResponse<GroupRequest>> group(@RequestBody GroupRequest request, @RequestParam(required = false) String note) {
            return Mono.just(ApiResponse.ok(note, request));
        }

        /** The caller's roles as handlers see them (after revocations). */
        @GetMapping("/api/test/student/me")
        Mono<ApiResponse<Set<String>>> me(CurrentUser user) {
            return Mono.just(ApiResponse.ok(user.roles()));
        }

        @GetMapping("/api/test/tutor/effects/{id}")
        Mono<ApiResponse<Effect>> get(@PathVariable long id) {
            return db.sql("SELECT * FROM test_effect WHERE id = :id").bind("id", id)
                    .map((row, meta) -> new Effect(row.get("id", Long.class), row.get("name", String.class),
                            row.get("amount", Integer.class), row.get("user_id", Long.class)))
                    .one()
                    .switchIfEmpty(Mono.error(ApiException.notFound("Effect not found")))
                    .map(ApiResponse::ok);
        }
    }
}

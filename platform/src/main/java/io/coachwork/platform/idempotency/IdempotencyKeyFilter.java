package io.coachwork.platform.idempotency;

import io.coachwork.platform.web.ApiErrorWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for POSTs, as Stripe does it, as an explicit state machine per request:
 * <ol>
 *   <li><b>claim</b> the caller's key (insert-if-absent, with a fingerprint of method, path, query,
 *       body and caller);</li>
 *   <li><b>run</b> the chain exactly once;</li>
 *   <li><b>store</b> the answer (status, the headers that matter, body) — or <b>release</b> the claim
 *       when the attempt failed (exception, 5xx) or the client went away, so a retry can run;</li>
 *   <li>later requests with the key <b>replay</b> the stored answer, get 400 when the request differs,
 *       or 409 while the first attempt is still running.</li>
 * </ol>
 * A claim whose instance died mid-request is taken over after {@link #ABANDONED_AFTER}; keys live
 * 24 hours. The body is read at most up to the platform's codec limit (413 beyond it).
 */
public class IdempotencyKeyFilter implements WebFilter, Ordered {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final Duration TTL = Duration.ofHours(24);
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    /** Headers a replay repeats; the rest (dates, correlation ids, CORS) belong to each exchange. */
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION,
            HttpHeaders.RETRY_AFTER);
    /** Another request can take over or release a claim between our insert and our read; try again, boundedly. */
    private static final int MAX_CLAIM_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);

    private final DatabaseClient db;
    private final ApiErrorWriter errors;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxBodyBytes;

    public IdempotencyKeyFilter(DatabaseClient db, ApiErrorWriter errors, JsonMapper json, Clock clock, int maxBodyBytes) {
        this.db = db;
        this.errors = errors;
        this.json = json;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public int getOrder() {
        // After Spring Security's chain, so the caller is known.
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key == null || exchange.getRequest().getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        if (key.isBlank() || key.length() > 255) {
            return errors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                    "Idempotency-Key must be 1 to 255 characters");
        }
        return caller()
                .flatMap(userId -> userId.isEmpty() ? chain.filter(exchange) : readBody(exchange, chain, userId.get(), key));
    }

    /** The authenticated caller's id, or empty for anonymous requests (which keys do not apply to). */
    private static Mono<Optional<Long>> caller() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication())
                .filter(auth -> auth.getPrincipal() instanceof Jwt)
                .map(auth -> Optional.of(Long.parseLong(((Jwt) auth.getPrincipal()).getSubject())))
                .defaultIfEmpty(Optional.empty());
    }

    private Mono<Void> readBody(ServerWebExchange exchange, WebFilterChain chain, long userId, String key) {
        if (exchange.getRequest().getHeaders().getContentLength() > maxBodyBytes) {
            return tooLarge(exchange);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBodyBytes)
                .map(IdempotencyKeyFilter::drain)
                .defaultIfEmpty(new byte[0])
                .map(Optional::of)
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(Optional.empty()))
                .flatMap(body -> body.isEmpty() ? tooLarge(exchange)
                        : decide(exchange, chain, new Attempt(userId, key, fingerprint(exchange, userId, body.get()),
                                body.get()), 1));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return errors.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE,
                "Request body is too large (at most " + maxBodyBytes + " bytes)");
    }

    /** Claims the key and runs, or answers from what another attempt left. */
    private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, Attempt attempt, int round) {
        if (round > MAX_CLAIM_ATTEMPTS) {
            return inProgress(exchange);
        }
        return claim(attempt).flatMap(claimed -> claimed ? run(exchange, chain, attempt)
                : find(attempt).map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(stored -> stored.isEmpty()
                                // Released between our insert and our read: claim again.
                                ? decide(exchange, chain, attempt, round + 1)
                                : answer(exchange, chain, attempt, stored.get(), round)));
    }

    private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, Attempt attempt, Stored stored, int round) {
        Instant now = clock.instant();
        boolean expired = stored.createdAt().plus(TTL).isBefore(now);
        boolean abandoned = stored.status() == null && stored.createdAt().plus(ABANDONED_AFTER).isBefore(now);
        if (expired || abandoned) {
            return forget(attempt, stored.claimToken()).then(Mono.defer(() -> decide(exchange, chain, attempt, round + 1)));
        }
        if (!stored.requestHash().equals(attempt.hash())) {
            return errors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                    "Idempotency-Key was already used with a different request");
        }
        if (stored.status() == null) {
            return inProgress(exchange);
        }
        return replay(exchange.getResponse(), stored);
    }

    private Mono<Void> inProgress(ServerWebExchange exchange) {
        return errors.write(exchange.getResponse(), HttpStatus.CONFLICT,
                "A request with this Idempotency-Key is still in progress");
    }

    private Mono<Void> replay(ServerHttpResponse response, Stored stored) {
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        stored.headers().forEach((name, values) -> response.getHeaders().put(name, values));
        response.getHeaders().set(REPLAYED_HEADER, "true");
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(stored.body())));
    }

    /**
     * Runs the chain once with the body already read. The attempt ends exactly once: stored when an
     * answer below 500 is written, released on an exception, a 5xx, or a client that went away.
     */
    private Mono<Void> run(ServerWebExchange exchange, WebFilterChain chain, Attempt attempt) {
        ServerHttpRequestDecorator request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(attempt.body())));
            }
        };
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
                return DataBufferUtils.join(Flux.from(content))
                        .map(IdempotencyKeyFilter::drain)
                        .defaultIfEmpty(new byte[0])
                        .flatMap(bytes -> finish(attempt, getStatusCode(), getHeaders(), bytes)
                                .then(Mono.defer(() -> super.writeWith(Mono.just(bufferFactory().wrap(bytes))))));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return writeWith(Flux.from(body).concatMap(Flux::from));
            }

            @Override
            public Mono<Void> setComplete() {
                return finish(attempt, getStatusCode(), getHeaders(), new byte[0]).then(Mono.defer(super::setComplete));
            }
        };
        return chain.filter(exchange.mutate().request(request).response(response).build())
                // A handler that wrote nothing (the adapter completes the original response later).
                .then(Mono.defer(() -> finish(attempt, response.getStatusCode(), response.getHeaders(), new byte[0])))
                .onErrorResume(e -> abandon(attempt).then(Mono.error(e)))
                .doOnCancel(() -> abandon(attempt).subscribe(v -> { }, e -> log.warn("Could not release Idempotency-Key "
                        + "after the client went away", e)));
    }

    /** The first answer ends the attempt; later calls (setComplete after writeWith) change nothing. */
    private Mono<Void> finish(Attempt attempt, HttpStatusCode status, HttpHeaders headers, byte[] body) {
        HttpStatusCode code = status == null ? HttpStatus.OK : status;
        if (code.is5xxServerError()) {
            return abandon(attempt);
        }
        if (!attempt.state.compareAndSet(State.RUNNING, State.STORED)) {
            return Mono.empty();
        }
        Map<String, List<String>> kept = new LinkedHashMap<>();
        REPLAYED_HEADERS.forEach(name -> {
            List<String> values = headers.get(name);
            if (values != null && !values.isEmpty()) {
                kept.put(name, List.copyOf(values));
            }
        });
        return db.sql("UPDATE idempotency_key SET status_code = :s, response_headers = :hd, response_body = :b, "
                        + "completed_at = :at WHERE user_id = :u AND idem_key = :k AND claim_token = :t")
                .bind("s", code.value())
                .bind("hd", json.writeValueAsString(kept))
                .bind("b", body)
                .bind("at", now())
                .bind("u", attempt.userId()).bind("k", attempt.key()).bind("t", attempt.claimToken)
                .fetch().rowsUpdated().then();
    }

    /** Releases this attempt's claim unless it already ended. */
    private Mono<Void> abandon(Attempt attempt) {
        if (!attempt.state.compareAndSet(State.RUNNING, State.RELEASED)) {
            return Mono.empty();
        }
        return forget(attempt, attempt.claimToken);
    }

    private Mono<Boolean> claim(Attempt attempt) {
        UUID token = UUID.randomUUID();
        return db.sql("INSERT INTO idempotency_key (user_id, idem_key, request_hash, claim_token, created_at) "
                        + "VALUES (:u, :k, :h, :t, :at) ON CONFLICT (user_id, idem_key) DO NOTHING")
                .bind("u", attempt.userId()).bind("k", attempt.key()).bind("h", attempt.hash()).bind("t", token)
                .bind("at", now())
                .fetch().rowsUpdated()
                .map(n -> {
                    if (n == 1) {
                        attempt.claimToken = token;
                    }
                    return n == 1;
                });
    }

    private Mono<Stored> find(Attempt attempt) {
        return db.sql("SELECT request_hash, claim_token, status_code, response_headers, response_body, created_at "
                        + "FROM idempotency_key WHERE user_id = :u AND idem_key = :k")
                .bind("u", attempt.userId()).bind("k", attempt.key())
                .map((row, meta) -> new Stored(row.get("request_hash", String.class), row.get("claim_token", UUID.class),
                        row.get("status_code", Integer.class), headers(row.get("response_headers", String.class)),
                        Optional.ofNullable(row.get("response_body", byte[].class)).orElse(new byte[0]),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    /** Deletes the row only if it is still the given claim, so a newer attempt's claim survives. */
    private Mono<Void> forget(Attempt attempt, UUID claimToken) {
        return db.sql("DELETE FROM idempotency_key WHERE user_id = :u AND idem_key = :k AND claim_token IS NOT DISTINCT FROM :t")
                .bind("u", attempt.userId()).bind("k", attempt.key())
                .bind("t", Parameter.fromOrEmpty(claimToken, UUID.class))
                .fetch().rowsUpdated().then();
    }

    private Map<String, List<String>> headers(String stored) {
        return stored == null ? Map.of() : json.readValue(stored, new TypeReference<Map<String, List<String>>>() { });
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static byte[] drain(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    private static String fingerprint(ServerWebExchange exchange, long userId, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(exchange.getRequest().getMethod().name(), Long.toString(userId),
                    exchange.getRequest().getURI().getRawPath(),
                    Optional.ofNullable(exchange.getRequest().getURI().getRawQuery()).orElse(""))) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private enum State { RUNNING, STORED, RELEASED }

    /** One request's walk through the state machine. */
    private static final class Attempt {
        private final long userId;
        private final String key;
        private final String hash;
        private final byte[] body;
        private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
        private volatile UUID claimToken;

        Attempt(long userId, String key, String hash, byte[] body) {
            this.userId = userId;
            this.key = key;
            this.hash = hash;
            this.body = body;
        }

        long userId() {
            return userId;
        }

        String key() {
            return key;
        }

        String hash() {
            return hash;
        }

        byte[] body() {
            return body;
        }
    }

    private record Stored(String requestHash, UUID claimToken, Integer status, Map<String, List<String>> headers,
                          byte[] body, Instant createdAt) {
    }
}

package io.coachwork.platform.idempotency;

import io.coachwork.platform.web.ApiErrorWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
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

/**
 * {@code Idempotency-Key} for POSTs, as Stripe does it: the first completed answer for a caller's
 * key is stored and returned to every retry, so nothing moves twice. A retry while the first is
 * still running gets 409; the same key with a different body gets 400; a first attempt that failed
 * with an exception stores nothing (nothing was done) and may be retried. Keys live 24 hours.
 */
public class IdempotencyKeyFilter implements WebFilter, Ordered {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Duration TTL = Duration.ofHours(24);

    private final DatabaseClient db;
    private final ApiErrorWriter errors;
    private final Clock clock;

    public IdempotencyKeyFilter(DatabaseClient db, ApiErrorWriter errors, Clock clock) {
        this.db = db;
        this.errors = errors;
        this.clock = clock;
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
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication())
                .filter(auth -> auth.getPrincipal() instanceof Jwt)
                .map(auth -> Long.parseLong(((Jwt) auth.getPrincipal()).getSubject()))
                .flatMap(userId -> DataBufferUtils.join(exchange.getRequest().getBody())
                        .map(IdempotencyKeyFilter::drain)
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> withKey(exchange, chain, userId, key, body)))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
    }

    private Mono<Void> withKey(ServerWebExchange exchange, WebFilterChain chain, long userId, String key, byte[] body) {
        String hash = fingerprint(exchange, body);
        return claim(userId, key, hash).flatMap(claimed -> {
            if (claimed) {
                return run(exchange, chain, userId, key, body);
            }
            return db.sql("SELECT request_hash, status_code, content_type, response_body, created_at FROM idempotency_key "
                            + "WHERE user_id = :u AND idem_key = :k")
                    .bind("u", userId).bind("k", key)
                    .map((row, meta) -> new Stored(row.get("request_hash", String.class), row.get("status_code", Integer.class),
                            row.get("content_type", String.class), row.get("response_body", byte[].class),
                            row.get("created_at", java.time.OffsetDateTime.class).toInstant()))
                    .one()
                    .flatMap(stored -> answer(exchange, chain, userId, key, body, hash, stored))
                    // The first attempt failed and released the key between our insert and select.
                    .switchIfEmpty(Mono.defer(() -> withKey(exchange, chain, userId, key, body)));
        });
    }

    private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, long userId, String key, byte[] body,
                              String hash, Stored stored) {
        if (stored.createdAt().plus(TTL).isBefore(clock.instant())) {
            return release(userId, key).then(withKey(exchange, chain, userId, key, body));
        }
        if (!stored.requestHash().equals(hash)) {
            return errors.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                    "Idempotency-Key was already used with a different request");
        }
        if (stored.status() == null) {
            return errors.write(exchange.getResponse(), HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key is still in progress");
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        if (stored.contentType() != null) {
            response.getHeaders().setContentType(MediaType.parseMediaType(stored.contentType()));
        }
        response.getHeaders().set(REPLAYED_HEADER, "true");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body() == null ? new byte[0] : stored.body())));
    }

    private Mono<Boolean> claim(long userId, String key, String hash) {
        return db.sql("INSERT INTO idempotency_key (user_id, idem_key, request_hash, created_at) VALUES (:u, :k, :h, :at) "
                        + "ON CONFLICT (user_id, idem_key) DO NOTHING")
                .bind("u", userId).bind("k", key).bind("h", hash)
                .bind("at", clock.instant().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    private Mono<Void> release(long userId, String key) {
        return db.sql("DELETE FROM idempotency_key WHERE user_id = :u AND idem_key = :k")
                .bind("u", userId).bind("k", key).fetch().rowsUpdated().then();
    }

    private Mono<Void> run(ServerWebExchange exchange, WebFilterChain chain, long userId, String key, byte[] body) {
        ServerHttpRequestDecorator request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
                return DataBufferUtils.join(Flux.from(content))
                        .map(IdempotencyKeyFilter::drain)
                        .defaultIfEmpty(new byte[0])
                        .flatMap(bytes -> store(userId, key, getStatusCode(), getHeaders().getContentType(), bytes)
                                .then(super.writeWith(Mono.just(bufferFactory().wrap(bytes)))));
            }
        };
        return chain.filter(exchange.mutate().request(request).response(response).build())
                .onErrorResume(e -> release(userId, key).then(Mono.error(e)));
    }

    private Mono<Void> store(long userId, String key, HttpStatusCode status, MediaType contentType, byte[] body) {
        if (status != null && status.is5xxServerError()) {
            return release(userId, key);
        }
        return db.sql("UPDATE idempotency_key SET status_code = :s, content_type = :ct, response_body = :b, completed_at = :at "
                        + "WHERE user_id = :u AND idem_key = :k")
                .bind("s", status == null ? 200 : status.value())
                .bind("ct", Parameter.fromOrEmpty(contentType == null ? null : contentType.toString(), String.class))
                .bind("b", body)
                .bind("at", clock.instant().atOffset(ZoneOffset.UTC))
                .bind("u", userId).bind("k", key)
                .fetch().rowsUpdated().then();
    }

    private static byte[] drain(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    private static String fingerprint(ServerWebExchange exchange, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(exchange.getRequest().getPath().value().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(String requestHash, Integer status, String contentType, byte[] body,
                          java.time.Instant createdAt) {
    }
}

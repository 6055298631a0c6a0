package io.coachwork.session.rooms;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** HTTP plumbing the providers share: bounded clients, and failures that name what the provider said. */
final class ProviderCalls {

    private ProviderCalls() {
    }

    /** A client whose calls end within {@code timeout}, so a room's lease always outlives its calls. */
    static WebClient client(String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 10_000))
                .responseTimeout(timeout);
        return WebClient.builder().baseUrl(baseUrl).clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** A 2xx answer's body read as {@code type}; anything else fails with the provider's own words. */
    static <T> Mono<T> body(ClientResponse response, Class<T> type, String what) {
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(type);
        }
        return failure(response, what);
    }

    /** A 2xx answer, its body dropped; {@code goneIsDone} also takes 404 (deleting what is already gone). */
    static Mono<Void> done(ClientResponse response, String what, boolean goneIsDone) {
        if (response.statusCode().is2xxSuccessful()
                || (goneIsDone && response.statusCode().value() == HttpStatus.NOT_FOUND.value())) {
            return response.releaseBody();
        }
        return failure(response, what);
    }

    private static <T> Mono<T> failure(ClientResponse response, String what) {
        return response.bodyToMono(String.class).defaultIfEmpty("")
                .flatMap(body -> Mono.error(new ProviderException(what + " failed: HTTP " + response.statusCode().value()
                        + (body.isBlank() ? "" : " " + abbreviate(body)), response.statusCode().value())));
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    /** A provider answered with an error status. */
    static final class ProviderException extends RuntimeException {

        private final int status;

        ProviderException(String message, int status) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}

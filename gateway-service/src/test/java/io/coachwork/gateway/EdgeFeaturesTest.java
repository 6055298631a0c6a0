package io.coachwork.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachwork.platform.test.TestJwt;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import tools.jackson.databind.json.JsonMapper;

/** Correlation ids, CORS, the aggregated API docs and the WebSocket pass-through. */
class EdgeFeaturesTest extends GatewayTestBase {

    @Test
    void generatesACorrelationIdAndSendsItDownstream() {
        var result = client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, student())
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult();
        String id = result.getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(id).isNotBlank();
        assertThat(receivedHeaders(result.getResponseBody()).get("x-correlation-id")).isEqualTo(List.of(id));
    }

    @Test
    void keepsAValidClientCorrelationIdAndReplacesAnInvalidOne() {
        var kept = client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, student())
                .header("X-Correlation-Id", "web-4f2a.77")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", "web-4f2a.77")
                .expectBody(Map.class).returnResult();
        assertThat(receivedHeaders(kept.getResponseBody()).get("x-correlation-id")).isEqualTo(List.of("web-4f2a.77"));

        var replaced = client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.AUTHORIZATION, student())
                .header("X-Correlation-Id", "<script>alert(1)</script>")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult();
        String id = replaced.getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(id).isNotBlank().doesNotContain("<");
        assertThat(receivedHeaders(replaced.getResponseBody()).get("x-correlation-id")).isEqualTo(List.of(id));
    }

    @Test
    void answersCorsPreflightWithoutAToken() {
        client.options().uri("/api/marketplace/tutor/coaching/purchase-hours")
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, v -> assertThat(v).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        v -> assertThat(v.toLowerCase()).contains("authorization", "idempotency-key"));
    }

    @Test
    void corsRequestGetsAllowOriginAndExposedHeaders() {
        client.get().uri("/api/subscription/tiers")
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .header(HttpHeaders.AUTHORIZATION, student())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        v -> assertThat(v).contains("X-Correlation-Id", "Retry-After"));
    }

    @Test
    void refusesCorsFromAnUnknownOrigin() {
        client.options().uri("/api/subscription/tiers")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void proxiesEachServiceApiDocsWithoutAToken() {
        for (String name : List.of("subscription", "wallet", "session", "scheduling", "notification")) {
            client.get().uri("/v3/api-docs/" + name)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.openapi").isEqualTo("3.1.0")
                    .jsonPath("$.info.title").isEqualTo(name + "-service")
                    // Host kept, so "Try it out" goes through the gateway.
                    .jsonPath("$.servers[0].url").isEqualTo("http://localhost:" + port);
        }
    }

    @Test
    void swaggerUiListsEveryServiceWithoutAToken() {
        client.get().uri("/swagger-ui.html")
                .exchange()
                .expectStatus().is3xxRedirection();
        client.get().uri("/swagger-ui/index.html")
                .exchange()
                .expectStatus().isOk();
        client.get().uri("/v3/api-docs/gateway/swagger-config")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[*].name").value(names -> assertThat((List<Object>) names)
                        .containsExactlyInAnyOrder("subscription", "wallet", "session", "scheduling", "notification"))
                .jsonPath("$.urls[?(@.name == 'wallet')].url").isEqualTo("/v3/api-docs/wallet");
    }

    @Test
    void webSocketPassesThroughWithTheTokenInTheQuery() {
        String token = TestJwt.student(newUserId());
        AtomicReference<String> frame = new AtomicReference<>();
        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws/notifications?access_token=" + token),
                        session -> session.receive().next().map(WebSocketMessage::getPayloadAsText)
                                .doOnNext(frame::set).then())
                .block(Duration.ofSeconds(10));
        Map<?, ?> seen = JsonMapper.builder().build().readValue(frame.get(), Map.class);
        assertThat(seen.get("service")).isEqualTo("notification-service");
        assertThat((String) seen.get("path")).startsWith("/ws/notifications?access_token=");
        assertThat(((Map<?, ?>) seen.get("headers")).get("x-correlation-id")).isNotNull();
    }

    @Test
    void webSocketWithoutATokenIsRefused() {
        assertThatThrownBy(() -> new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws/notifications"), session -> session.receive().then())
                .block(Duration.ofSeconds(10)))
                .hasMessageContaining("401");
        assertThatThrownBy(() -> new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws/notifications?access_token=not.a.jwt"),
                        session -> session.receive().then())
                .block(Duration.ofSeconds(10)))
                .hasMessageContaining("401");
    }

    @Test
    void tokenInTheQueryIsNotAcceptedOutsideWebSockets() {
        client.get().uri("/api/subscription/tiers?access_token=" + TestJwt.student(newUserId()))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    private static Map<?, ?> receivedHeaders(Map<?, ?> body) {
        return (Map<?, ?>) ((Map<?, ?>) body.get("data")).get("headers");
    }
}

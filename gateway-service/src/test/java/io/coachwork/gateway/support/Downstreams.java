package io.coachwork.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Five small real HTTP servers standing in for the downstream services, started once per JVM.
 * Each answers {@code {"success":true,"data":{"service":..,"method":..,"path":..,"headers":{..}}}}
 * with the request it received (header names in lower case), so a test reads from the response
 * both where the gateway sent the call and what it sent. {@code /v3/api-docs} answers a minimal
 * OpenAPI document; any path containing {@code /slow} answers after 3 s, one containing
 * {@code /early-close} answers 413 without reading the body and closes; a WebSocket handshake
 * gets one text frame describing the handshake request.
 */
public final class Downstreams {

    public static final List<String> SERVICES = List.of("subscription", "wallet", "session", "scheduling",
            "notification");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, DisposableServer> SERVERS = new LinkedHashMap<>();

    private Downstreams() {
    }

    /** Points {@code coachwork.routes.<name>} at the stand-ins. */
    public static synchronized void register(DynamicPropertyRegistry registry) {
        for (String name : SERVICES) {
            DisposableServer server = SERVERS.computeIfAbsent(name, Downstreams::start);
            registry.add("coachwork.routes." + name, () -> "http://127.0.0.1:" + server.port());
        }
    }

    /** A port nothing listens on (bound, then released). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DisposableServer start(String name) {
        String service = name + "-service";
        return HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> handle(service, request, response))
                .bindNow();
    }

    private static org.reactivestreams.Publisher<Void> handle(String service, HttpServerRequest request,
                                                              HttpServerResponse response) {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("service", service);
        seen.put("method", request.method().name());
        seen.put("path", request.uri());
        seen.put("headers", headers(request));
        if ("websocket".equalsIgnoreCase(request.requestHeaders().get("Upgrade"))) {
            String frame = JSON.writeValueAsString(seen);
            return response.sendWebsocket((in, out) -> out.sendString(Mono.just(frame)));
        }
        if (request.uri().equals("/v3/api-docs")) {
            return json(response, Map.of("openapi", "3.1.0", "info", Map.of("title", service, "version", "v1"),
                    "servers", List.of(Map.of("url", "http://" + request.requestHeaders().get("Host"))),
                    "paths", Map.of()));
        }
        if (request.uri().contains("/early-close")) {
            // Refuses without reading the body and closes, as a service does with a body over its limit.
            return response.status(413).header("Connection", "close").header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"success\":false,\"message\":\"Request body is too large\"}"));
        }
        Mono<Void> answer = request.receive().aggregate().asString().defaultIfEmpty("")
                .flatMap(body -> {
                    seen.put("body", body);
                    return Mono.from(json(response, Map.of("success", true, "data", seen)));
                });
        return request.uri().contains("/slow") ? Mono.delay(Duration.ofSeconds(3)).then(answer) : answer;
    }

    private static Map<String, List<String>> headers(HttpServerRequest request) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.requestHeaders().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(),
                k -> new java.util.ArrayList<>()).add(h.getValue()));
        return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                (a, b) -> a, TreeMap::new));
    }

    private static org.reactivestreams.Publisher<Void> json(HttpServerResponse response, Object body) {
        return response.header("Content-Type", "application/json")
                .sendString(Mono.just(JSON.writeValueAsString(body)))
                .then();
    }
}

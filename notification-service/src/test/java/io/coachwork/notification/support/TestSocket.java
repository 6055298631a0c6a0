package io.coachwork.notification.support;

import io.coachwork.platform.test.TestEvents;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;


/** A client device connected to /ws/notifications, collecting what it receives. */
public final class TestSocket implements AutoCloseable {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Disposable connection;

    private TestSocket(URI uri) {
        this.connection = new ReactorNettyWebSocketClient().execute(uri, session -> session.receive()
                        .map(WebSocketMessage::getPayloadAsText)
                        .doOnNext(text -> received.add(TestEvents.json().readTree(text)))
                        .then())
                .subscribe();
    }

    public static URI uri(int port, String token) {
        return URI.create("ws://localhost:" + port + "/ws/notifications" + (token == null ? "" : "?access_token=" + token));
    }

    /** Connects and waits for the greeting, after which every push to the user reaches this socket. */
    public static TestSocket connect(int port, String token) {
        TestSocket socket = new TestSocket(uri(port, token));
        socket.await("connection:ready");
        return socket;
    }

    public JsonNode await(String event) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> find(event).isPresent());
        return find(event).orElseThrow();
    }

    public Optional<JsonNode> find(String event) {
        return received.stream().filter(m -> event.equals(m.get("event").asString())).findFirst();
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        connection.dispose();
    }
}

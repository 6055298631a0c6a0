package io.coachwork.session.teaching.files;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coachwork.session.teaching.TeachingProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3-compatible storage against a local stand-in of the S3 REST API (path-style, as MinIO is
 * addressed): the requests are signed, the bytes arrive whole, and an oversize upload sends nothing.
 */
class S3FileStorageTest {

    private record Request(String method, String path, String authorization) {
    }

    private HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private S3FileStorage storage;

    @TempDir
    Path spool;

    @BeforeEach
    void standIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        storage = S3FileStorage.of(new TeachingProperties.S3("http://127.0.0.1:" + server.getAddress().getPort(),
                "eu-central-1", "teaching", "test-access-key", "test-secret-key", true), spool);
    }

    @AfterEach
    void stop() {
        storage.close();
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] body = exchange.getRequestBody().readAllBytes();
        switch (exchange.getRequestMethod()) {
            case "PUT" -> {
                objects.put(path, isChunked(exchange) ? unchunk(body) : body);
                exchange.getResponseHeaders().add("ETag", "\"etag\"");
                exchange.sendResponseHeaders(200, -1);
            }
            case "GET" -> {
                byte[] object = objects.get(path);
                if (object == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, object.length);
                    exchange.getResponseBody().write(object);
                }
            }
            case "DELETE" -> {
                objects.remove(path);
                exchange.sendResponseHeaders(204, -1);
            }
            default -> exchange.sendResponseHeaders(405, -1);
        }
        exchange.close();
    }

    private static boolean isChunked(HttpExchange exchange) {
        String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        return (sha != null && sha.startsWith("STREAMING")) || (encoding != null && encoding.contains("aws-chunked"));
    }

    /** aws-chunked framing: {@code <hex size>[;chunk-signature=...]\r\n<data>\r\n}, ending with a 0-size chunk. */
    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOf(body, i);
            String header = new String(body, i, lineEnd - i, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length - 1; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("no chunk header");
    }

    private static Flux<DataBuffer> bytes(byte[] content) {
        return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(content));
    }

    @Test
    void anUploadIsPutSignedIntoTheBucketAndReadAndDeletedAgain() {
        byte[] content = "worksheet 1\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Long size = storage.store("session-1/file-1", bytes(content), 1_000_000).block(Duration.ofSeconds(30));

        assertThat(size).isEqualTo(content.length);
        assertThat(objects.get("/teaching/session-1/file-1")).isEqualTo(content);
        assertThat(requests.get(0).method()).isEqualTo("PUT");
        assertThat(requests.get(0).authorization()).startsWith("AWS4-HMAC-SHA256 Credential=test-access-key/")
                .contains("/eu-central-1/s3/aws4_request");
        assertThat(spool.resolve("spool/session-1")).isEmptyDirectory();

        byte[] read = DataBufferUtils.join(storage.read("session-1/file-1")).map(b -> {
            byte[] out = new byte[b.readableByteCount()];
            b.read(out);
            DataBufferUtils.release(b);
            return out;
        }).block(Duration.ofSeconds(30));
        assertThat(read).isEqualTo(content);

        storage.delete("session-1/file-1").block(Duration.ofSeconds(30));
        assertThat(objects).isEmpty();
        assertThat(requests).extracting(Request::method).containsExactly("PUT", "GET", "DELETE");
    }

    @Test
    void anOversizeUploadNeverReachesTheBucket() throws IOException {
        assertThatThrownBy(() -> storage.store("session-1/big", bytes(new byte[2048]), 1024).block(Duration.ofSeconds(30)))
                .isInstanceOf(FileStorage.FileTooLarge.class);
        assertThat(requests).isEmpty();
        try (var files = Files.walk(spool)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void theLocalStorageKeepsNothingOfAFailedUploadAndStaysInItsDirectory(@TempDir Path root) throws IOException {
        LocalFileStorage local = new LocalFileStorage(root);
        assertThatThrownBy(() -> local.store("s/f", bytes(new byte[10]), 5).block()).isInstanceOf(FileStorage.FileTooLarge.class);
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        assertThatThrownBy(() -> local.read("../escape")).isInstanceOf(IllegalArgumentException.class);
        assertThat(local.store("s/f", bytes(new byte[]{1, 2}), 5).block()).isEqualTo(2);
        try (InputStream in = Files.newInputStream(root.resolve("s/f"))) {
            assertThat(in.readAllBytes()).containsExactly(1, 2);
        }
    }
}

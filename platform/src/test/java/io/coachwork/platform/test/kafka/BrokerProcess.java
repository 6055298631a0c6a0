package io.coachwork.platform.test.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A {@link RestartableKafkaBroker} in a child JVM, for fault tests that kill the broker (SIGKILL)
 * and start it again on the same port with the same data. Killed at JVM exit.
 */
public final class BrokerProcess {

    private final int port;
    private final int controllerPort;
    private final Path data;
    private final Path log;
    private volatile Process process;

    private BrokerProcess(int port, int controllerPort, Path data, Path log) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.data = data;
        this.log = log;
    }

    public static BrokerProcess start() {
        try {
            BrokerProcess broker = new BrokerProcess(freePort(), freePort(), Files.createTempDirectory("kafka-fault-"),
                    Files.createTempFile("kafka-fault-", ".log"));
            broker.launch();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> broker.process.destroyForcibly()));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** SIGKILL: nothing is flushed or handed over. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the broker was being killed", e);
        }
    }

    /** Starts it again on the same ports and data directory. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker is still running");
        }
        launch();
    }

    private void launch() {
        try {
            Files.writeString(log, "");
            process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    RestartableKafkaBroker.class.getName(), Integer.toString(port), Integer.toString(controllerPort),
                    data.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Awaitility.await("Kafka broker ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the broker exited: " + Files.readString(log));
                        }
                        return Files.readString(log).contains("KAFKA READY");
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

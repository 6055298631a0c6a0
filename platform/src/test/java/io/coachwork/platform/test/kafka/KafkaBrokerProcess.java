package io.coachwork.platform.test.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A single-node KRaft broker (Apache Kafka's own {@code kafka.Kafka} main, from the test classpath)
 * in a child JVM, on a port fixed for its life and a log directory that outlives the process: it
 * can be killed and started again, and clients find it where it was, with its topics, committed
 * offsets and unconsumed records. The in-JVM test broker cannot do that (it picks a new port and a
 * fresh temporary log directory every time). Started the way a real broker is: the storage is
 * formatted once ({@code kafka-storage format}), then the server runs on it.
 */
public final class KafkaBrokerProcess {

    private final int port;
    private final Path properties;
    private final Path logging;
    private final Path log;
    private volatile Process process;
    private volatile long startedBefore;

    private KafkaBrokerProcess(Path dir, int port, int controllerPort) {
        this.port = port;
        this.properties = dir.resolve("server.properties");
        this.logging = dir.resolve("logback.xml");
        this.log = dir.resolve("broker.log");
        // Warnings, and the line that says the server has started (the readiness signal).
        write(logging, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        write(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=4",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
    }

    /** Formats a new log directory under {@code parent} and starts the broker on it (without waiting for it). */
    public static KafkaBrokerProcess start(Path parent) {
        try {
            Path dir = Files.createDirectories(parent).resolve("kafka-" + UUID.randomUUID());
            Files.createDirectories(dir);
            KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, freePort(), freePort());
            broker.format();
            broker.launch();
            // Whichever process is the broker at exit, not only the first one.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> broker.process.destroyForcibly()));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Waits until the broker says it has started (the log line of {@code KafkaRaftServer}). */
    public void awaitStarted(Duration timeout) {
        try {
            Awaitility.await("Kafka broker started").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; log: " + log);
                }
                return startedLines() > 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Kafka broker not started within " + timeout + "; log: " + log, e);
        }
    }

    /** SIGKILL, as a crashed or evicted broker goes: no controlled shutdown, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Kafka broker kill interrupted", e);
        }
    }

    /** Starts the killed broker again on the same ports and log directory and waits until it has started. */
    public void restart(Duration timeout) {
        if (process.isAlive()) {
            throw new IllegalStateException("Kafka broker is still running");
        }
        launch();
        awaitStarted(timeout);
    }

    private void format() {
        Process formatting = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString());
        try {
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                formatting.destroyForcibly();
                throw new IllegalStateException("Formatting the Kafka log directory failed; log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Kafka format interrupted", e);
        }
    }

    private void launch() {
        // A restart is ready once it logs "started" again: count from the lines already there.
        startedBefore = startedLines();
        process = java("kafka.Kafka", properties.toString());
    }

    private long startedLines() {
        try {
            if (!Files.exists(log)) {
                return 0;
            }
            try (var lines = Files.lines(log)) {
                return lines.filter(line -> line.contains("Kafka Server started")).count() - startedBefore;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process java(String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logging, "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
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

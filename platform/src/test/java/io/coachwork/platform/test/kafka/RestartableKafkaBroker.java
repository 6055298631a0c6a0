package io.coachwork.platform.test.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft broker on a given port and data directory, run as a child JVM by fault tests
 * (see {@code BrokerProcess}): killed and started again with the same arguments, it comes back as
 * the same cluster with its topics, offsets and consumer groups, which spring-kafka's embedded
 * broker (a free port and a fresh directory each start) cannot do. Prints
 * {@code KAFKA READY host:port} once it serves.
 *
 * <p>Arguments: broker port, controller port, data directory.
 */
public final class RestartableKafkaBroker {

    private RestartableKafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path data = Path.of(args[2]);
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        config.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", data.toString());
        config.put("auto.create.topics.enable", "true");
        config.put("num.partitions", "4");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "4");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        if (!Files.exists(data.resolve("meta.properties"))) {
            Files.createDirectories(data);
            new Formatter().setPrintStream(System.out).setNodeId(1).setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(data.toString())).setMetadataLogDirectory(data.toString())
                    .setControllerListenerName("CONTROLLER").setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true).run();
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
        server.startup();
        System.out.println("KAFKA READY localhost:" + port);
        System.out.flush();
        server.awaitShutdown();
    }
}

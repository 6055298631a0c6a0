package io.coachwork.platform.test;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft broker inside the test JVM, shared by every test class of the run. */
final class InJvmKafka {

    private InJvmKafka() {
    }

    static String start() {
        return start(0);
    }

    static String start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 4);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "4",
                "log.flush.interval.messages", "1000000"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        return broker.getBrokersAsString();
    }
}

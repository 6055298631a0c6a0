package io.coachwork.platform.test;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft broker inside the test JVM, shared by every test class of the run. */
final class InJvmKafka {

    private InJvmKafka() {
    }

    /** On a free port: spring-kafka's KRaft broker does not honour a requested one. */
    static String start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 4);
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

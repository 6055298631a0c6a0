package io.coachwork.platform.outbox;

import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.KafkaClients;
import io.coachwork.platform.messaging.MessagingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.kafka.sender.KafkaSender;
import tools.jackson.databind.json.JsonMapper;

/** The outbox writer and its Kafka relay, for every service that has a database. */
@AutoConfiguration(after = {DataR2dbcAutoConfiguration.class, TransactionAutoConfiguration.class})
@ConditionalOnBean(DatabaseClient.class)
@EnableConfigurationProperties({OutboxProperties.class, MessagingProperties.class})
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    @Bean
    EventCodec eventCodec(JsonMapper jsonMapper) {
        return new EventCodec(jsonMapper);
    }

    @Bean
    KafkaClients kafkaClients(MessagingProperties properties, @Value("${spring.application.name}") String name,
                              ObjectProvider<MeterRegistry> meterRegistry) {
        return new KafkaClients(properties, name, meterRegistry.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    KafkaSender<String, byte[]> kafkaSender(KafkaClients clients) {
        return KafkaSender.create(clients.senderOptions());
    }

    @Bean
    OutboxWakeup outboxWakeup() {
        return new OutboxWakeup();
    }

    @Bean
    OutboxWriter outboxWriter(DatabaseClient db, EventCodec codec, Clock clock,
                              @Value("${spring.application.name}") String name, ObjectProvider<Tracer> tracer,
                              OutboxWakeup wakeup) {
        return new OutboxWriter(db, codec, clock, name, tracer, wakeup);
    }

    @Bean
    @ConditionalOnProperty(name = "coachwork.outbox.relay-enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(DatabaseClient db, KafkaSender<String, byte[]> sender, OutboxProperties properties,
                            OutboxWakeup wakeup) {
        return new OutboxRelay(db, sender, properties, wakeup);
    }
}

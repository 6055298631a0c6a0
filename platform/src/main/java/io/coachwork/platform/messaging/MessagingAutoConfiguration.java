package io.coachwork.platform.messaging;

import io.coachwork.platform.outbox.OutboxAutoConfiguration;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Idempotent consumers, dead letters and their admin endpoint. */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnBean(OutboxWriter.class)
public class MessagingAutoConfiguration {

    @Bean
    Inbox inbox(DatabaseClient db) {
        return new Inbox(db);
    }

    @Bean
    DeadLetters deadLetters(DatabaseClient db, OutboxWriter outbox, TransactionalOperator tx, Clock clock) {
        return new DeadLetters(db, outbox, tx, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "coachwork.kafka.consumers-enabled", matchIfMissing = true)
    EventConsumers eventConsumers(ObjectProvider<EventHandler> handlers, KafkaClients clients, Inbox inbox,
                                  DeadLetters deadLetters, TransactionalOperator tx, EventCodec codec,
                                  MessagingProperties properties, ObjectProvider<ObservationRegistry> observations) {
        List<EventHandler> all = handlers.orderedStream().toList();
        return new EventConsumers(all, clients, inbox, deadLetters, tx, codec, properties,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    @Bean
    AuthorizationRules deadLetterAdminRules() {
        return exchanges -> exchanges.pathMatchers("/api/admin/*/dead-letters/**")
                .hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN);
    }
}

package io.coachwork.platform.saga;

import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.MessagingAutoConfiguration;
import io.coachwork.platform.observability.SagaMetrics;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/** The saga engine, for services that declare at least one {@link Saga} (and carry its tables). */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean({Saga.class, OutboxWriter.class})
@EnableConfigurationProperties(SagaProperties.class)
public class SagaAutoConfiguration {

    @Bean
    SagaEngine sagaEngine(ObjectProvider<Saga<?>> sagas, DatabaseClient db, OutboxWriter outbox, EventCodec codec,
                          JsonMapper json, TransactionalOperator tx, Clock clock, SagaProperties properties,
                          ObjectProvider<SagaMetrics> metrics) {
        return new SagaEngine(sagas.orderedStream().toList(), new SagaStore(db), new SagaWaiters(), outbox, codec, json,
                tx, clock, properties, metrics.getIfAvailable());
    }

    @Bean
    SagaRecoveryJob sagaRecoveryJob(SagaEngine engine) {
        return new SagaRecoveryJob(engine);
    }

    @Bean
    SagaAdminController sagaAdminController(SagaEngine engine) {
        return new SagaAdminController(engine);
    }

    @Bean
    AuthorizationRules sagaAdminRules() {
        return exchanges -> exchanges.pathMatchers("/api/admin/*/sagas/**")
                .hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN);
    }
}

package io.coachwork.platform.observability;

import io.coachwork.platform.outbox.OutboxAutoConfiguration;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.web.CorrelationIdFilter;
import io.micrometer.context.ContextRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The platform's meters (outbox backlog and age, dead letters, sagas; job runs and Kafka clients
 * are metered where they run) and the correlation id in every log line: the Reactor context entry
 * the {@link CorrelationIdFilter} writes is restored into the MDC wherever the request's work runs.
 */
@AutoConfiguration(after = OutboxAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
public class ObservabilityAutoConfiguration {

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(CorrelationIdFilter.CONTEXT_KEY,
                () -> MDC.get(CorrelationIdFilter.CONTEXT_KEY),
                value -> MDC.put(CorrelationIdFilter.CONTEXT_KEY, value),
                () -> MDC.remove(CorrelationIdFilter.CONTEXT_KEY));
    }

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    SagaMetrics sagaMetrics(MeterRegistry registry) {
        return new SagaMetrics(registry);
    }

    /** Where the platform's tables are: a service with a database and the outbox (not the gateway). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DatabaseClient.class)
    static class MessagingMetricsConfiguration {

        @Bean
        @ConditionalOnBean({OutboxWriter.class, MeterRegistry.class})
        MessagingBacklogMetrics messagingBacklogMetrics(DatabaseClient db, Clock clock, MeterRegistry registry,
                                                        @Value("${coachwork.metrics.messaging-refresh:15s}") Duration interval) {
            return new MessagingBacklogMetrics(db, clock, interval, registry);
        }
    }
}

package io.coachwork.platform.idempotency;

import io.coachwork.platform.outbox.OutboxAutoConfiguration;
import io.coachwork.platform.web.ApiErrorWriter;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

/** {@code Idempotency-Key} support for every service with a database. */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnBean(DatabaseClient.class)
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotencyKeyFilter idempotencyKeyFilter(DatabaseClient db, ApiErrorWriter errors, Clock clock) {
        return new IdempotencyKeyFilter(db, errors, clock);
    }
}

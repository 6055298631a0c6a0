package io.coachwork.platform.idempotency;

import io.coachwork.platform.outbox.OutboxAutoConfiguration;
import io.coachwork.platform.web.ApiErrorWriter;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** {@code Idempotency-Key} support for every service with a database. */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnBean(DatabaseClient.class)
public class IdempotencyAutoConfiguration {

    /** The body is held in memory to fingerprint and replay it: no more than the codecs would accept. */
    @Bean
    IdempotencyKeyFilter idempotencyKeyFilter(DatabaseClient db, ApiErrorWriter errors, JsonMapper json, Clock clock,
                                              @Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize maxBody) {
        return new IdempotencyKeyFilter(db, errors, json, clock, (int) maxBody.toBytes());
    }
}

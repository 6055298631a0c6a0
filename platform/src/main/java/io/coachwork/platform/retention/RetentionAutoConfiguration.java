package io.coachwork.platform.retention;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

/** The retention job, for every service that has a database (and so the platform's tables). */
@AutoConfiguration(after = DataR2dbcAutoConfiguration.class)
@ConditionalOnBean(DatabaseClient.class)
@ConditionalOnProperty(name = "coachwork.retention.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionAutoConfiguration {

    @Bean
    RetentionJob retentionJob(DatabaseClient db, RetentionProperties properties, Clock clock) {
        return new RetentionJob(db, properties, clock);
    }
}

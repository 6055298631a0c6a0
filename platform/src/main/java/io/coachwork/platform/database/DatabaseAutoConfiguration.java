package io.coachwork.platform.database;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The same connection limits in every service with a PostgreSQL database. */
@AutoConfiguration(before = R2dbcAutoConfiguration.class)
@ConditionalOnClass(PostgresqlConnectionFactoryProvider.class)
@EnableConfigurationProperties(DatabaseTimeouts.class)
public class DatabaseAutoConfiguration {

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer databaseTimeoutsCustomizer(DatabaseTimeouts timeouts) {
        return builder -> timeouts.applyTo(builder, builder.build());
    }
}

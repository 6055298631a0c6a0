package io.coachwork.platform.database;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-side limits on every R2DBC connection, so that no stuck request can hold rows forever:
 * a statement runs at most {@code statementTimeout}, waits for a lock at most {@code lockTimeout},
 * and a transaction left idle longer than {@code idleInTransactionTimeout} is ended by PostgreSQL
 * (its locks released). Sent as startup options; settings already in the URL's {@code options} win.
 */
@ConfigurationProperties("coachwork.database")
public record DatabaseTimeouts(@DefaultValue("30s") Duration statementTimeout,
                               @DefaultValue("10s") Duration lockTimeout,
                               @DefaultValue("30s") Duration idleInTransactionTimeout) {

    public void applyTo(ConnectionFactoryOptions.Builder builder, ConnectionFactoryOptions current) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("statement_timeout", Long.toString(statementTimeout.toMillis()));
        options.put("lock_timeout", Long.toString(lockTimeout.toMillis()));
        options.put("idle_in_transaction_session_timeout", Long.toString(idleInTransactionTimeout.toMillis()));
        Object configured = current.getValue(PostgresqlConnectionFactoryProvider.OPTIONS);
        if (configured instanceof Map<?, ?> map) {
            map.forEach((k, v) -> options.put(String.valueOf(k), String.valueOf(v)));
        }
        builder.option(PostgresqlConnectionFactoryProvider.OPTIONS, options);
    }
}

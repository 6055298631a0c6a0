package io.coachwork.platform.database;

import io.coachwork.platform.testapp.PlatformIntegrationTest;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Every connection carries the platform's timeouts, and a transaction left idle loses its locks. */
class DatabaseTimeoutsTest extends PlatformIntegrationTest {

    @Autowired
    Environment environment;

    @Test
    void theServicesConnectionsCarryTheTimeouts() {
        assertThat(show("statement_timeout")).isEqualTo("30s");
        assertThat(show("lock_timeout")).isEqualTo("10s");
        assertThat(show("idle_in_transaction_session_timeout")).isEqualTo("30s");
    }

    @Test
    void aTransactionLeftIdleIsEndedAndItsRowLocksReleased() {
        long id = db.sql("INSERT INTO test_effect (name, amount, user_id) VALUES ('stuck', 1, 0) RETURNING id")
                .map((row, meta) -> row.get("id", Long.class)).one().block();
        Connection stuck = Mono.from(shortLimits().create()).block();
        Mono.from(stuck.beginTransaction()).block();
        Flux.from(stuck.createStatement("SELECT id FROM test_effect WHERE id = " + id + " FOR UPDATE").execute())
                .flatMap(result -> result.map((row, meta) -> row.get("id"))).blockLast();

        // While the idle transaction holds the row, NOWAIT fails; once PostgreSQL ends it, it succeeds.
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                assertThat(db.sql("SELECT id FROM test_effect WHERE id = :id FOR UPDATE NOWAIT").bind("id", id)
                        .map((row, meta) -> row.get("id", Long.class)).one().block()).isEqualTo(id));
        assertThatThrownBy(() -> Flux.from(stuck.createStatement("SELECT 1").execute())
                .flatMap(result -> result.getRowsUpdated()).blockLast()).isInstanceOf(RuntimeException.class);
        Mono.from(stuck.close()).onErrorResume(e -> Mono.empty()).block();
    }

    @Test
    void aStatementRunningTooLongIsCancelled() {
        Connection connection = Mono.from(shortLimits().create()).block();
        try {
            assertThatThrownBy(() -> Flux.from(connection.createStatement("SELECT pg_sleep(5)").execute())
                    .flatMap(result -> result.getRowsUpdated()).blockLast())
                    .isInstanceOfSatisfying(R2dbcException.class, e -> assertThat(e.getSqlState()).isEqualTo("57014"));
        } finally {
            Mono.from(connection.close()).block();
        }
    }

    /** The platform's customizer with limits short enough to watch them act. */
    private io.r2dbc.spi.ConnectionFactory shortLimits() {
        ConnectionFactoryOptions base = ConnectionFactoryOptions.parse(environment.getRequiredProperty("spring.r2dbc.url"))
                .mutate()
                .option(ConnectionFactoryOptions.USER, environment.getRequiredProperty("spring.r2dbc.username"))
                .option(ConnectionFactoryOptions.PASSWORD, environment.getProperty("spring.r2dbc.password", ""))
                .build();
        ConnectionFactoryOptions.Builder builder = base.mutate();
        new DatabaseTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500)).applyTo(builder, base);
        return ConnectionFactories.get(builder.build());
    }

    private String show(String setting) {
        return db.sql("SHOW " + setting).map((row, meta) -> row.get(0, String.class)).one().block();
    }
}

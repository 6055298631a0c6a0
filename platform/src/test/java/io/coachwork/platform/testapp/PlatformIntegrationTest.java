package io.coachwork.platform.testapp;

import io.coachwork.platform.test.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Base of the platform's integration tests: one shared context of {@link PlatformTestApplication}. */
@ServiceTest
@ContextConfiguration(classes = PlatformTestApplication.class)
public abstract class PlatformIntegrationTest {

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    protected long countEffects(String name) {
        return db.sql("SELECT count(*) AS n FROM test_effect WHERE name = :n").bind("n", name)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
    }
}

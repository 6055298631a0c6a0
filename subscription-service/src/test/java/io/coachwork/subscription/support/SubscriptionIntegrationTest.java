package io.coachwork.subscription.support;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.catalog.CatalogResource;
import io.coachwork.platform.test.MutableClock;
import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Base of subscription-service's integration tests: one shared service, real PostgreSQL and Kafka. */
@ServiceTest
@TestPropertySource(properties = {"coachwork.jobs.cron-secret=test-cron-secret", "coachwork.subscription.saga-wait=2s",
        "coachwork.sagas.recovery-cron=-"})
public abstract class SubscriptionIntegrationTest {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1_000);

    /** wallet-service's part in the paid-tier saga, answering over the real broker. */
    protected static final WalletStub wallet = WalletStub.instance();

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected DatabaseClient db;

    /** A tutor id no other test uses. */
    protected static long newTutor() {
        return IDS.incrementAndGet();
    }

    protected WebTestClient.ResponseSpec subscribe(long tutorId, String tier) {
        return web.post().uri("/api/marketplace/tutor/subscription")
                .headers(h -> h.setBearerAuth(TestJwt.tutor(tutorId)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subscription_tier\":\"" + tier + "\"}")
                .exchange();
    }

    /** The catalogue announces a tutor's new resource, as the partner system does. */
    protected static void catalogCreated(long tutorId, String type, String resourceId) {
        TopicProbe.send(Topics.CATALOG_RESOURCES, Long.toString(tutorId), TestEvents.cloudEvent(
                EventTypes.CATALOG_RESOURCE_CREATED, resourceId, new CatalogResource(tutorId, type, resourceId)));
    }

    protected long usage(long tutorId, String type) {
        return db.sql("SELECT count(*) AS n FROM tutor_resource WHERE tutor_id = :t AND resource_type = :k")
                .bind("t", tutorId).bind("k", type).map((row, meta) -> row.get("n", Long.class)).one().block();
    }
}

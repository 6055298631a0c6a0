package io.coachwork.gateway;

import io.coachwork.gateway.support.Downstreams;
import io.coachwork.platform.test.ServiceTest;
import io.coachwork.platform.test.TestJwt;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway as it runs (real HTTP on a random port, real Redis, the test JWT secret) in front of
 * the {@link Downstreams} stand-ins. Every subclass shares this one application context.
 */
@ServiceTest
abstract class GatewayTestBase {

    @Autowired
    protected WebTestClient client;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        Downstreams.register(registry);
    }

    /** A user id no other test (or earlier run still inside the rate-limit window) uses. */
    protected static long newUserId() {
        return ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000_000L);
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    protected static String tutor() {
        return bearer(TestJwt.tutor(newUserId()));
    }

    protected static String student() {
        return bearer(TestJwt.student(newUserId()));
    }

    protected static String withRoles(String... roles) {
        return bearer(TestJwt.token(newUserId(), roles));
    }
}

package io.coachwork.session.stream;

import io.coachwork.platform.directory.UserDirectory;
import io.coachwork.platform.security.CurrentUserArgumentResolver;
import io.coachwork.platform.web.ApiErrorHandler;
import io.coachwork.platform.web.ApiErrorWriter;
import io.coachwork.session.coaching.CoachingSessionController;
import io.coachwork.session.coaching.CoachingSessionRepository;
import io.coachwork.session.coaching.CoachingSessionService;
import io.coachwork.session.coaching.ParticipantRepository;
import io.coachwork.session.coaching.SessionEvents;
import io.coachwork.session.coaching.SessionProperties;
import io.coachwork.session.saga.CoachingSessionSaga;
import io.coachwork.session.settings.CoachingSettingsService;
import io.coachwork.session.support.SessionIntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.reactive.server.MockServerConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Without Stream's key and secret, sessions are created as usual but the join-token endpoint
 * answers 503 in the envelope. The module's one context has Stream configured, so the real
 * controller and service are bound here to the context's beans with empty Stream properties.
 */
class StreamNotConfiguredTest extends SessionIntegrationTest {

    private static final Instant NOW = Instant.parse("2033-06-01T08:00:00Z");

    @Autowired
    CoachingSessionRepository sessions;
    @Autowired
    ParticipantRepository participants;
    @Autowired
    CoachingSessionSaga saga;
    @Autowired
    SessionEvents events;
    @Autowired
    CoachingSettingsService settings;
    @Autowired
    UserDirectory directory;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    SessionProperties properties;
    @Autowired
    JsonMapper jsonMapper;

    @Test
    void theTokenEndpointAnswers503StreamIoIsNotConfigured() {
        clock.set(NOW);
        long tutor = newUser();
        long id = scheduledSession(tutor, NOW.plusSeconds(3600), 60);

        StreamProperties none = new StreamProperties(null, null, null);
        CoachingSessionService service = new CoachingSessionService(sessions, participants, saga, events, settings,
                directory, new StreamTokens(none, clock), none, tx, clock, properties);
        WebTestClient client = WebTestClient.bindToController(new CoachingSessionController(service, none))
                .argumentResolvers(resolvers -> resolvers.addCustomResolver(new CurrentUserArgumentResolver()))
                .webFilter(signedInAs(tutor))
                .apply(envelopeErrors())
                .build();

        client.post().uri(SESSIONS + "/" + id + "/token").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("Stream.io is not configured")
                .jsonPath("$.data").doesNotExist();
        client.get().uri(SESSIONS + "/" + id).exchange().expectStatus().isOk();
    }

    private static WebFilter signedInAs(long tutorId) {
        Jwt jwt = Jwt.withTokenValue("test").header("alg", "HS256").subject(Long.toString(tutorId))
                .claim("roles", List.of("tutor")).build();
        return (exchange, chain) -> chain.filter(exchange)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new JwtAuthenticationToken(jwt)));
    }

    private MockServerConfigurer envelopeErrors() {
        return new MockServerConfigurer() {
            @Override
            public void beforeServerCreated(WebHttpHandlerBuilder builder) {
                builder.exceptionHandler(new ApiErrorHandler(new ApiErrorWriter(jsonMapper)));
            }
        };
    }
}

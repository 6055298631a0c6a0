package io.coachwork.platform.directory;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.identity.IdentityUser;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import io.coachwork.platform.testapp.PlatformIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The directory learns users from the identity topic and from their own calls. */
class UserDirectoryTest extends PlatformIntegrationTest {

    @Autowired
    UserDirectory directory;

    @Test
    void identityEventsRegisterAndUpdateUsers() {
        long id = 40_000 + (long) (Math.random() * 10_000);
        TopicProbe.send(Topics.IDENTITY_USERS, Long.toString(id), TestEvents.cloudEvent(EventTypes.IDENTITY_USER_CREATED,
                Long.toString(id), new IdentityUser(id, "Bola Student", "bola@example.com", List.of("student"), "Africa/Lagos")));

        await().atMost(Duration.ofSeconds(30)).until(() -> directory.find(id).blockOptional().isPresent());
        DirectoryUser user = directory.find(id).block();
        assertThat(user.name()).isEqualTo("Bola Student");
        assertThat(user.email()).isEqualTo("bola@example.com");
        assertThat(user.roles()).containsExactly("student");
        assertThat(user.timeZone()).isEqualTo("Africa/Lagos");
    }

    @Test
    void aCallersClaimsRegisterThem() {
        long id = 60_000 + (long) (Math.random() * 10_000);
        web.get().uri("/api/test/tutor/effects/1").headers(h -> h.setBearerAuth(TestJwt.tutor(id))).exchange();
        DirectoryUser user = directory.find(id).block();
        assertThat(user).isNotNull();
        assertThat(user.email()).isEqualTo("user" + id + "@example.com");
        assertThat(user.roles()).containsExactly("tutor");
    }
}

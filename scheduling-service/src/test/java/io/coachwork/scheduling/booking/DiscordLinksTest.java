package io.coachwork.scheduling.booking;

import io.coachwork.platform.test.TestJwt;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session-service's Discord link announcements kept by scheduling-service (newest wins, repeats
 * once), and booking as before where the rule is off (this service's default).
 */
class DiscordLinksTest extends BookingIntegrationTest {

    private static final Instant EARLIER = Instant.parse("2031-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2031-03-02T10:00:00Z");

    @Autowired
    DiscordLinkRepository links;

    @BeforeEach
    void now() {
        clock.set(NOW);
    }

    @Test
    void anAnnouncementDeliveredTwiceCountsOnceAndAnOlderOneLosesToTheNewer() {
        long student = newUser();
        String linked = UUID.randomUUID().toString();
        announceDiscordLink(linked, student, true, LATER);
        announceDiscordLink(linked, student, true, LATER);
        assertThat(count("SELECT count(*) FROM inbox_event WHERE consumer = 'scheduling-discord-links' AND event_id = $1",
                linked)).isEqualTo(1);
        assertThat(links.linked(student).block()).isTrue();

        // An unlink from before the link (a replayed dead letter) changes nothing.
        announceDiscordLink(student, false, EARLIER);
        assertThat(links.linked(student).block()).isTrue();
        assertThat(count("SELECT count(*) FROM discord_link WHERE user_id = $1 AND occurred_at = $2", student,
                LATER.atOffset(java.time.ZoneOffset.UTC))).isEqualTo(1);

        announceDiscordLink(student, false, LATER.plusSeconds(1));
        assertThat(links.linked(student).block()).isFalse();
        assertThat(links.linked(newUser()).block()).as("never announced").isFalse();
    }

    @Test
    void withoutTheRuleAStudentWithoutALinkBooksAndWaitsAsBefore() {
        long tutor = tutor();
        long slot = oneToOne(tutor);
        long student = newUser();
        announceDiscordLink(student, false, LATER);
        pending(student, slot, wallet());
        call(HttpMethod.POST, "/api/teaching/waitlist", TestJwt.student(newUser()), "{\"slot_id\": " + slot + "}")
                .expectStatus().isCreated();
    }
}

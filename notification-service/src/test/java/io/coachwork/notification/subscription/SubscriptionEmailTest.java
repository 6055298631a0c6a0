package io.coachwork.notification.subscription;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.subscription.SubscriptionEvent;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** subscription-service's events reach the tutor: a refused renewal lands in the inbox and by email. */
class SubscriptionEmailTest extends NotificationIntegrationTest {

    @Test
    void aPastDueRenewalIsEmailedAndKeptInTheInbox() throws Exception {
        long tutor = newId();
        registerUser(tutor, "Tayo Tutor", emailOf(tutor), "Africa/Lagos", "tutor");
        SubscriptionEvent pastDue = new SubscriptionEvent(7L, tutor, "professional", "professional", "past_due",
                Instant.parse("2030-03-01T10:00:00Z"), Instant.parse("2030-03-31T10:00:00Z"), false, new BigDecimal("10.0"));
        TopicProbe.send(Topics.SUBSCRIPTIONS, Long.toString(tutor),
                TestEvents.cloudEvent(EventTypes.SUBSCRIPTION_CHANGED, Long.toString(tutor), pastDue));

        JsonNode notice = awaitInbox(tutor, "subscription_payment_failed");
        assertThat(notice.get("event").asString()).isEqualTo("subscription:payment_failed");
        MimeMessage email = awaitEmails(emailOf(tutor), 1).get(0);
        assertThat(email.getSubject()).isEqualTo("We could not renew your Professional plan");
    }
}

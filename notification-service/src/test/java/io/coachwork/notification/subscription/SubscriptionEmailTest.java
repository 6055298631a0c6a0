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

/**
 * subscription-service's events reach the tutor: a refused renewal lands in the inbox and by email
 * once however often it is retried, and the return to free is the final notice.
 */
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

    @Test
    void hourlyRetriesOfARefusedRenewalAreToldOnceThenTheReturnToFreeOnce() throws Exception {
        long tutor = newId();
        registerUser(tutor, "Tayo Tutor", emailOf(tutor), "Africa/Lagos", "tutor");
        SubscriptionEvent pastDue = new SubscriptionEvent(8L, tutor, "professional", "professional", "past_due",
                Instant.parse("2030-03-01T10:00:00Z"), Instant.parse("2030-03-31T10:00:00Z"), false, new BigDecimal("10.0"));
        String firstRefusal = TestEvents.cloudEvent(EventTypes.SUBSCRIPTION_CHANGED, Long.toString(tutor), pastDue);
        TopicProbe.send(Topics.SUBSCRIPTIONS, Long.toString(tutor), firstRefusal);
        TopicProbe.send(Topics.SUBSCRIPTIONS, Long.toString(tutor), firstRefusal);
        for (int retry = 0; retry < 5; retry++) {
            TopicProbe.send(Topics.SUBSCRIPTIONS, Long.toString(tutor),
                    TestEvents.cloudEvent(EventTypes.SUBSCRIPTION_CHANGED, Long.toString(tutor), pastDue));
        }
        SubscriptionEvent expired = new SubscriptionEvent(8L, tutor, "free", "professional", "active",
                Instant.parse("2030-04-03T10:00:00Z"), null, false, new BigDecimal("10.0"));
        String returnToFree = TestEvents.cloudEvent(EventTypes.SUBSCRIPTION_EXPIRED, Long.toString(tutor), expired);
        TopicProbe.send(Topics.SUBSCRIPTIONS, Long.toString(tutor), returnToFree);
        TopicProbe.send(Topics.SUBSCRIPTIONS, Long.toString(tutor), returnToFree);

        // The expiry comes after every retry on the tutor's partition: once it is in, all were handled.
        awaitInbox(tutor, "subscription_expired");
        assertThat(inbox(tutor).valueStream().map(n -> n.get("type").asString()))
                .containsExactly("subscription_expired", "subscription_payment_failed");
        assertThat(deliveries(tutor, "email")).hasSize(2);
        assertThat(awaitEmails(emailOf(tutor), 2)).extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("We could not renew your Professional plan", "Your Professional plan has ended");
    }
}

package io.coachwork.contracts;

import io.coachwork.platform.test.PublishedEventContracts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract check every service's tests run on the events they publish. */
class PublishedEventContractsTest {

    private static final PublishedEventContracts CONTRACTS = PublishedEventContracts.load();

    private static String settingsEvent(String type, String data) {
        return """
                {"specversion": "1.0", "id": "e-1", "source": "/coachwork/session-service", "type": "%s",
                 "subject": "settings", "time": "2026-01-20T14:00:00.000Z", "datacontenttype": "application/json",
                 "data": %s}
                """.formatted(type, data);
    }

    private static final String SETTINGS = """
            {"price_per_hour_minor": 1000, "currency": "NGN", "default_duration_minutes": 60,
             "warning_threshold_minutes": 10, "auto_end_enabled": true, "updated_at": "2026-01-20T14:00:00.000Z"}""";

    @Test
    void anEventMatchingItsChannelAndSchemaPasses() {
        assertThat(CONTRACTS.violations(Topics.COACHING_SETTINGS, EventTypes.COACHING_SETTINGS_UPDATED,
                settingsEvent(EventTypes.COACHING_SETTINGS_UPDATED, SETTINGS))).isEmpty();
    }

    @Test
    void aPayloadThatBreaksItsSchemaIsNamed() {
        String wrong = SETTINGS.replace("\"price_per_hour_minor\": 1000", "\"price_per_hour_minor\": \"ten\"");
        assertThat(CONTRACTS.violations(Topics.COACHING_SETTINGS, EventTypes.COACHING_SETTINGS_UPDATED,
                settingsEvent(EventTypes.COACHING_SETTINGS_UPDATED, wrong)))
                .singleElement().asString().startsWith("data:").contains("price_per_hour_minor");
    }

    @Test
    void aBrokenEnvelopeIsNamed() {
        String event = settingsEvent(EventTypes.COACHING_SETTINGS_UPDATED, SETTINGS).replace("\"specversion\": \"1.0\"",
                "\"specversion\": \"0.3\"");
        assertThat(CONTRACTS.violations(Topics.COACHING_SETTINGS, EventTypes.COACHING_SETTINGS_UPDATED, event))
                .anySatisfy(p -> assertThat(p).startsWith("envelope:").contains("specversion"));
    }

    @Test
    void undocumentedTopicsAndTypesAreRefused() {
        String event = settingsEvent(EventTypes.COACHING_SETTINGS_UPDATED, SETTINGS);
        assertThat(CONTRACTS.violations("coachwork.unknown", EventTypes.COACHING_SETTINGS_UPDATED, event))
                .containsExactly("topic coachwork.unknown is not a channel of docs/asyncapi.yaml");
        assertThat(CONTRACTS.violations(Topics.WALLET_EVENTS, EventTypes.COACHING_SETTINGS_UPDATED, event))
                .containsExactly(EventTypes.COACHING_SETTINGS_UPDATED + " is not a message of channel "
                        + Topics.WALLET_EVENTS + " in docs/asyncapi.yaml");
    }

    @Test
    void everyTopicAndEveryDeadLetterTopicIsDocumented() throws IllegalAccessException {
        for (var field : Topics.class.getFields()) {
            String topic = (String) field.get(null);
            for (String documented : new String[]{topic, Topics.deadLetter(topic)}) {
                assertThat(CONTRACTS.violations(documented, "coachwork.none.v1", "{}"))
                        .as(documented).containsExactly("coachwork.none.v1 is not a message of channel " + documented
                                + " in docs/asyncapi.yaml");
            }
        }
    }
}

package io.coachwork.notification.push;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PushEnvelopeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void travelsAsSnakeCaseJsonAndComesBackWithTheSocketMessageUnchanged() {
        String message = "{\"event\":\"session:message\",\"data\":{\"body\":\"Çа va? \\\"quoted\\\" \\u2028 ✓\"},"
                + "\"notification_id\":42,\"created_at\":\"2024-01-20T14:05:00.000Z\"}";
        PushEnvelope envelope = new PushEnvelope("instance-a", 9_007_199_254_740_993L, message);

        String text = envelope.toJson(JSON);

        assertThat(JSON.readTree(text).propertyNames()).containsExactly("origin", "user_id", "message");
        assertThat(JSON.readTree(text).get("user_id").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(PushEnvelope.parse(JSON, text)).contains(envelope);
    }

    @Test
    void eachUserHasTheirOwnChannel() {
        assertThat(PushEnvelope.channel(42)).isEqualTo("coachwork:notifications:push:42");
        assertThat(PushEnvelope.channel(42)).isNotEqualTo(PushEnvelope.channel(420));
    }

    @Test
    void anythingElseOnTheChannelIsNotAnEnvelope() {
        for (String text : new String[]{"", "not json", "[]", "42", "{}",
                "{\"origin\":\"a\",\"user_id\":\"42\",\"message\":\"m\"}",
                "{\"origin\":\"a\",\"user_id\":1.5,\"message\":\"m\"}",
                "{\"origin\":7,\"user_id\":42,\"message\":\"m\"}",
                "{\"origin\":\"a\",\"user_id\":42,\"message\":{\"event\":\"x\"}}",
                "{\"origin\":\"a\",\"user_id\":42}"}) {
            assertThat(PushEnvelope.parse(JSON, text)).as(text).isEqualTo(Optional.empty());
        }
    }
}

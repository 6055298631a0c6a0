package io.coachwork.notification.email;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream provider named up front is the one ServiceLoader would find, so pinning it changes nothing but the cost. */
class MailComposerTest {

    @Test
    void pinsTheStreamProviderThatServiceLoaderWouldFind() {
        new MailComposer("noreply@coachwork.test");

        String discovered = ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow().getClass().getName();
        assertThat(discovered).isEqualTo(MailComposer.ANGUS_STREAM_PROVIDER);
        assertThat(System.getProperty(MailComposer.STREAM_PROVIDER_PROPERTY)).isEqualTo(discovered);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(discovered);
    }
}

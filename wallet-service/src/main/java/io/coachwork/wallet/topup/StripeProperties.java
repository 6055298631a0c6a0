package io.coachwork.wallet.topup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * {@code coachwork.stripe.*}: the secret API key (none: card top-ups answer 503), an API base for
 * a local stand-in (empty: Stripe's own), and the webhook endpoint's signing secret.
 */
@ConfigurationProperties("coachwork.stripe")
public record StripeProperties(String apiKey, String apiBase, String webhookSecret) {

    public boolean paymentsConfigured() {
        return StringUtils.hasText(apiKey);
    }

    public boolean webhooksConfigured() {
        return StringUtils.hasText(webhookSecret);
    }
}

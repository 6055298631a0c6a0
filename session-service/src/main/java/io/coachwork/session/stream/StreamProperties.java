package io.coachwork.session.stream;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Stream (getstream.io) video: the API key and secret that sign join tokens, and where a call is
 * viewed. Without key and secret, sessions still work but join tokens answer 503.
 */
@ConfigurationProperties("coachwork.stream")
public record StreamProperties(String apiKey, String apiSecret, String viewBaseUrl) {

    public static final String DEFAULT_VIEW_BASE_URL = "https://app.stream.io/coaching/session";

    public StreamProperties {
        viewBaseUrl = StringUtils.hasText(viewBaseUrl) ? viewBaseUrl.replaceAll("/+$", "") : DEFAULT_VIEW_BASE_URL;
        // HS256 needs a 256-bit key; Stream's secrets are longer, so a shorter one is a typo worth failing on.
        if (StringUtils.hasText(apiSecret) && apiSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("coachwork.stream.api-secret must be at least 32 bytes");
        }
    }

    public boolean configured() {
        return StringUtils.hasText(apiKey) && StringUtils.hasText(apiSecret);
    }

    public String viewLink(String streamCallId) {
        return viewBaseUrl + "/" + streamCallId;
    }
}

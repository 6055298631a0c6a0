package io.coachwork.session.video;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Agora video for teaching sessions (seed 002): the project's app id and its primary certificate,
 * which signs AccessToken2 tokens. Without both, video answers 503 and nothing else changes.
 */
@ConfigurationProperties("coachwork.video.agora")
public record AgoraProperties(String appId, String appCertificate) {

    public AgoraProperties {
        // Agora app ids and certificates are 32 hex digits; anything else is a paste error worth failing on.
        check("app-id", appId);
        check("app-certificate", appCertificate);
    }

    public boolean configured() {
        return StringUtils.hasText(appId) && StringUtils.hasText(appCertificate);
    }

    private static void check(String name, String value) {
        if (StringUtils.hasText(value) && !value.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("coachwork.video.agora." + name + " must be 32 hexadecimal digits");
        }
    }
}

package io.coachwork.notification;

import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationApplication.class, args);
    }

    /**
     * Every signed-in user reads their own inbox and preferences; admins read the delivery log and
     * run jobs. The WebSocket handshake checks its {@code ?access_token=} itself (browsers cannot
     * send an Authorization header there), so the security chain lets it through.
     */
    @Bean
    AuthorizationRules notificationAccess() {
        return exchanges -> exchanges
                .pathMatchers("/ws/**").permitAll()
                .pathMatchers("/api/admin/**").hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN)
                .pathMatchers("/api/notifications", "/api/notifications/**").authenticated();
    }
}

package io.coachwork.subscription;

import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.subscription.usage.LimitCheckController;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class SubscriptionApplication {

    public static void main(String[] args) {
        SpringApplication.run(SubscriptionApplication.class, args);
    }

    /** Tutors manage their own plan; admins read the catalogue; only super admins change it. */
    @Bean
    AuthorizationRules subscriptionAccess() {
        return exchanges -> exchanges
                .pathMatchers("/api/marketplace/tutor/**").hasRole(CurrentUser.TUTOR)
                .pathMatchers(HttpMethod.GET, "/api/admin/subscription/tiers/**").hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN)
                .pathMatchers("/api/admin/subscription/tiers/**").hasRole(CurrentUser.SUPER_ADMIN)
                .pathMatchers("/api/admin/**").hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN)
                .pathMatchers("/api/subscription/limits/check").hasAnyRole(CurrentUser.TUTOR, CurrentUser.ADMIN,
                        CurrentUser.SUPER_ADMIN, LimitCheckController.SERVICE_ROLE);
    }
}

package io.coachwork.wallet;

import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WalletApplication {

    public static void main(String[] args) {
        SpringApplication.run(WalletApplication.class, args);
    }

    /** Tutors see their own wallet and hours; admins adjust and reconcile; Stripe proves itself by signature, not JWT. */
    @Bean
    AuthorizationRules walletAccess() {
        return exchanges -> exchanges
                .pathMatchers(HttpMethod.POST, "/api/webhooks/stripe").permitAll()
                .pathMatchers("/api/marketplace/tutor/**").hasRole(CurrentUser.TUTOR)
                // Moving money by hand takes a super admin; other admins only read.
                .pathMatchers(HttpMethod.POST, "/api/admin/wallet/adjustments").hasRole(CurrentUser.SUPER_ADMIN)
                .pathMatchers("/api/admin/**").hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN);
    }
}

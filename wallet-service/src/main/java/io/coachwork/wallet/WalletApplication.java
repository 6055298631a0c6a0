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
                // Buying and refunding a package is a student's act; reading a purchase checks its owner.
                .pathMatchers(HttpMethod.POST, "/api/teaching/packages/*/purchase", "/api/teaching/package-purchases/*/refund")
                .hasRole(CurrentUser.STUDENT)
                // Moving money by hand takes a super admin; other admins only read.
                .pathMatchers(HttpMethod.POST, "/api/admin/wallet/adjustments").hasRole(CurrentUser.SUPER_ADMIN)
                .pathMatchers("/api/admin/**").hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN);
    }
}

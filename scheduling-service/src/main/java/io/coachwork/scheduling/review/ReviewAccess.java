package io.coachwork.scheduling.review;

import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A tutor's received reviews are the tutors'; any signed-in user may write or answer a review (the
 * service checks they took part or are the tutor). Public reads sit under /api/teaching/tutors/**.
 */
@Configuration
public class ReviewAccess {

    @Bean
    AuthorizationRules reviewRules() {
        return exchanges -> exchanges
                .pathMatchers("/api/teaching/reviews/received").hasRole(CurrentUser.TUTOR)
                .pathMatchers("/api/teaching/reviews", "/api/teaching/reviews/**").authenticated();
    }
}

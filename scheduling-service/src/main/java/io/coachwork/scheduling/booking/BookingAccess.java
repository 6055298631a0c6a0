package io.coachwork.scheduling.booking;

import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/** Students book, wait and read their bookings; tutors read theirs; either cancels (ownership checked in the service). */
@Configuration
public class BookingAccess {

    /** Ahead of the service's rules, where /api/teaching/slots/** is the tutors'. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    AuthorizationRules bookingRules() {
        return exchanges -> exchanges
                .pathMatchers(HttpMethod.POST, "/api/teaching/slots/*/waitlist").hasRole(CurrentUser.STUDENT)
                .pathMatchers(HttpMethod.POST, "/api/teaching/sessions/book").hasRole(CurrentUser.STUDENT)
                .pathMatchers("/api/teaching/sessions/my", "/api/teaching/waitlist", "/api/teaching/waitlist/**")
                .hasRole(CurrentUser.STUDENT)
                .pathMatchers("/api/teaching/sessions/instructor").hasRole(CurrentUser.TUTOR)
                .pathMatchers("/api/teaching/sessions/*/cancel", "/api/teaching/bookings", "/api/teaching/bookings/**")
                .authenticated();
    }
}

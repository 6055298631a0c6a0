package io.coachwork.scheduling;

import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class SchedulingApplication {

    public static void main(String[] args) {
        SpringApplication.run(SchedulingApplication.class, args);
    }

    /**
     * The directory and the calendar feed (its URL carries a secret token) are public; tutors manage
     * their own profile, availability and slots; any signed-in user reads a tutor's slots; admins
     * decide applications. Ownership is checked in the handlers.
     */
    @Bean
    AuthorizationRules schedulingAccess() {
        return exchanges -> exchanges
                .pathMatchers(HttpMethod.GET, "/api/teaching/tutors", "/api/teaching/tutors/**",
                        "/api/teaching/calendar/**").permitAll()
                .pathMatchers(HttpMethod.GET, "/api/teaching/slots/provider/**").authenticated()
                // Calendly proves itself by its webhook signature, not a JWT.
                .pathMatchers(HttpMethod.POST, "/api/webhooks/calendly").permitAll()
                .pathMatchers("/api/teaching/integrations/**").hasRole(CurrentUser.TUTOR)
                .pathMatchers("/api/teaching/profile", "/api/teaching/profile/**", "/api/teaching/slots",
                        "/api/teaching/slots/**", "/api/teaching/schedules", "/api/teaching/schedules/**",
                        "/api/teaching/holidays", "/api/teaching/holidays/**").hasRole(CurrentUser.TUTOR)
                .pathMatchers("/api/admin/**").hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN);
    }
}

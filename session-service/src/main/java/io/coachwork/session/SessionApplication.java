package io.coachwork.session;

import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class SessionApplication {

    public static void main(String[] args) {
        SpringApplication.run(SessionApplication.class, args);
    }

    /** Tutors run their sessions, students join theirs, admins read settings, only super admins change them. */
    @Bean
    AuthorizationRules sessionAccess() {
        return exchanges -> exchanges
                .pathMatchers("/api/marketplace/tutor/**").hasRole(CurrentUser.TUTOR)
                .pathMatchers("/api/student/**").hasRole(CurrentUser.STUDENT)
                .pathMatchers(HttpMethod.PUT, "/api/admin/coaching/settings").hasRole(CurrentUser.SUPER_ADMIN)
                .pathMatchers("/api/admin/**").hasAnyRole(CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN);
    }
}

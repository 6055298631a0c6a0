package io.coachwork.scheduling.statistics;

import io.coachwork.platform.security.AuthorizationRules;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tutors read their own statistics and statements; admins read any tutor's ({@code tutor_id}) and the
 * platform's (under /api/admin/**, admins only by the service's rules).
 */
@Configuration
public class StatisticsAccess {

    @Bean
    AuthorizationRules statisticsRules() {
        return exchanges -> exchanges
                .pathMatchers("/api/teaching/statistics", "/api/teaching/statistics/**", "/api/teaching/statements",
                        "/api/teaching/statements/**")
                .hasAnyRole(CurrentUser.TUTOR, CurrentUser.ADMIN, CurrentUser.SUPER_ADMIN);
    }

    /** Whose numbers the caller reads: their own, or (admins only) those of {@code tutor_id}. */
    static long tutorOf(CurrentUser user, String tutorParam) {
        if (tutorParam == null || tutorParam.isBlank()) {
            if (!user.hasRole(CurrentUser.TUTOR)) {
                throw ApiException.invalidField("tutor_id", "tutor_id is required");
            }
            return user.id();
        }
        long tutorId;
        try {
            tutorId = Long.parseLong(tutorParam.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("tutor_id", "tutor_id must be a whole number");
        }
        if (tutorId <= 0) {
            throw ApiException.invalidField("tutor_id", "tutor_id must be a whole number");
        }
        if (tutorId != user.id() && !user.isAdmin()) {
            throw ApiException.forbidden("Only admins can read another tutor's statistics and statements");
        }
        return tutorId;
    }

    /** Whether the caller may read a statement of {@code tutorId}. */
    static boolean mayRead(CurrentUser user, long tutorId) {
        return user.isAdmin() || user.id() == tutorId;
    }
}

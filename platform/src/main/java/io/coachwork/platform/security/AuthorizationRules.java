package io.coachwork.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A service's route guards, added to the platform's security chain before its catch-all
 * "authenticated" rule. Declare one bean per service.
 */
@FunctionalInterface
public interface AuthorizationRules {

    void configure(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);
}

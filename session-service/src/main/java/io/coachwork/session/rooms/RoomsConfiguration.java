package io.coachwork.session.rooms;

import io.coachwork.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class RoomsConfiguration {

    /** Discord sends the browser back to the callback without a Coachwork token; the signed state authenticates it. */
    @Bean
    AuthorizationRules discordCallbackIsOpen() {
        return exchanges -> exchanges.pathMatchers(HttpMethod.GET, DiscordLinkController.CALLBACK).permitAll();
    }
}

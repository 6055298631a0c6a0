package io.coachwork.notification.push;

import io.coachwork.platform.web.ApiErrorWriter;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;

/** Maps {@code /ws/notifications} to its handler, ahead of the annotated controllers, behind the token check. */
@Configuration(proxyBeanMethods = false)
public class PushConfiguration {

    @Bean
    HandlerMapping notificationSocketMapping(NotificationSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of(NotificationSocketHandler.PATH, handler), -1);
    }

    @Bean
    WebFluxConfigurer notificationSocketService(ReactiveJwtDecoder decoder, ApiErrorWriter errors) {
        TokenHandshake handshake = new TokenHandshake(decoder, errors);
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                return handshake;
            }
        };
    }
}

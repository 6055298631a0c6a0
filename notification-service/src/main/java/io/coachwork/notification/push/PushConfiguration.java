package io.coachwork.notification.push;

import io.coachwork.platform.web.ApiErrorWriter;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps {@code /ws/notifications} to its handler, ahead of the annotated controllers, behind the
 * token check; and chooses the fan-out between replicas (Redis unless turned off).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FanoutProperties.class)
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

    @Bean
    @ConditionalOnProperty(name = FanoutProperties.ENABLED, havingValue = "true", matchIfMissing = true)
    RedisPushFanout redisPushFanout(LettuceConnectionFactory redis, PushRegistry registry, JsonMapper json,
                                    FanoutProperties properties) {
        return new RedisPushFanout(redis, registry, json, properties.timeout());
    }

    @Bean
    @ConditionalOnProperty(name = FanoutProperties.ENABLED, havingValue = "false")
    PushFanout localOnlyPushFanout() {
        return PushFanout.LOCAL_ONLY;
    }
}

package io.coachwork.notification.push;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

/** The fan-out between replicas: Redis pub/sub unless {@code coachwork.notifications.push.fanout.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FanoutProperties.class)
public class FanoutConfiguration {

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

package io.coachwork.notification.push;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FanoutConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(FanoutConfiguration.class)
            .withBean(PushRegistry.class)
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            // Not started: the fan-out only tries to connect in the background until the context closes.
            .withBean(LettuceConnectionFactory.class, () -> new LettuceConnectionFactory(new RedisStandaloneConfiguration()));

    @Test
    void fanOutGoesThroughRedisUnlessTurnedOff() {
        context.run(c -> assertThat(c.getBean(PushFanout.class)).isInstanceOf(RedisPushFanout.class));
        context.withPropertyValues("coachwork.notifications.push.fanout.enabled=false")
                .run(c -> {
                    assertThat(c.getBean(PushFanout.class)).isSameAs(PushFanout.LOCAL_ONLY);
                    assertThat(c.getBeansOfType(RedisPushFanout.class)).isEmpty();
                });
    }

    @Test
    void theRedisTimeoutHasASaneDefault() {
        assertThat(new FanoutProperties(null, null)).isEqualTo(new FanoutProperties(true, Duration.ofMillis(500)));
        assertThat(new FanoutProperties(false, Duration.ZERO).timeout()).isEqualTo(Duration.ofMillis(500));
        context.withPropertyValues("coachwork.notifications.push.fanout.timeout=2s")
                .run(c -> assertThat(c.getBean(FanoutProperties.class).timeout()).isEqualTo(Duration.ofSeconds(2)));
    }
}

package io.coachwork.notification.dispatch;

import io.coachwork.notification.NotificationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    @Bean
    Links links(NotificationProperties properties) {
        return new Links(properties.appBaseUrl());
    }
}

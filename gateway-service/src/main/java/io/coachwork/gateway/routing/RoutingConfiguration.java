package io.coachwork.gateway.routing;

import io.coachwork.platform.web.ApiErrorWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Filters around the routes declared in application.yml. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    CorrelationIdForwardingFilter correlationIdForwardingFilter() {
        return new CorrelationIdForwardingFilter();
    }

    @Bean
    DownstreamErrorHandler downstreamErrorHandler(ApiErrorWriter errors) {
        return new DownstreamErrorHandler(errors);
    }
}

package io.coachwork.gateway.routing;

import io.coachwork.platform.web.ApiErrorWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Filters around the routes declared in application.yml. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    DownstreamHeadersFilter downstreamHeadersFilter() {
        return new DownstreamHeadersFilter();
    }

    /**
     * The services' own limit (the platform's codec limit) unless set apart: a body they would
     * refuse is refused here, in the envelope, instead of being half sent.
     */
    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(ApiErrorWriter errors,
            @Value("${coachwork.gateway.max-request-size:${spring.http.codecs.max-in-memory-size:256KB}}") DataSize max) {
        return new RequestSizeLimitFilter(errors, max.toBytes());
    }

    @Bean
    DownstreamErrorHandler downstreamErrorHandler(ApiErrorWriter errors) {
        return new DownstreamErrorHandler(errors);
    }
}

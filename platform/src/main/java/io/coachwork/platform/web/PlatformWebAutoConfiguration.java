package io.coachwork.platform.web;

import io.coachwork.platform.security.CurrentUserArgumentResolver;
import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** JSON conventions, the error envelope, correlation ids and the injectable clock. */
@AutoConfiguration
public class PlatformWebAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer coachworkJsonConventions() {
        return builder -> builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // 743111.5 for an id or a count is a client error, not 743111.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .addModule(new SimpleModule("coachwork-timestamps")
                        .addSerializer(Instant.class, new ApiTimestamps.InstantSerializer()))
                .addModule(new SimpleModule("coachwork-clean-text")
                        .addDeserializer(String.class, new CleanStringDeserializer()));
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ApiErrorWriter apiErrorWriter(JsonMapper jsonMapper) {
        return new ApiErrorWriter(jsonMapper);
    }

    /** Before Spring Boot's own handler (order -1), so nothing escapes the envelope. */
    @Bean
    @Order(-2)
    ApiErrorHandler apiErrorHandler(ApiErrorWriter writer) {
        return new ApiErrorHandler(writer);
    }

    @Bean
    CorrelationIdFilter correlationIdFilter() {
        return new CorrelationIdFilter();
    }

    @Bean
    RequestHygieneFilter requestHygieneFilter(ApiErrorWriter errors) {
        return new RequestHygieneFilter(errors);
    }

    @Bean
    WebFluxConfigurer currentUserResolverConfigurer() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CurrentUserArgumentResolver());
            }
        };
    }
}

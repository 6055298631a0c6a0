package io.coachwork.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachwork.platform.testapp.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.util.ReflectionTestUtils;

/** Spring Security's observations are off by default, and so are the wrappers that would make them. */
class SecurityObservationsTest extends PlatformIntegrationTest {

    @Autowired
    WebFilterChainProxy securityChains;

    @Test
    void theSecurityChainRunsItsFiltersUnwrapped() {
        Object decorator = ReflectionTestUtils.getField(securityChains, "filterChainDecorator");

        assertThat(decorator).isInstanceOf(WebFilterChainProxy.DefaultWebFilterChainDecorator.class);
    }
}

package io.coachwork.platform.test;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Points each {@link ServiceTest} context at a database created for it and at the shared broker,
 * with the test JWT secret, and checks every event it publishes against its contract
 * ({@link PublishedEventsCheck}). Registered in META-INF/spring.factories of the test jar.
 */
public class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, ServiceTest.class) ? new Customizer() : null;
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            List<String> properties = new ArrayList<>(List.of(
                    "coachwork.security.jwt.secret=" + TestJwt.SECRET,
                    "coachwork.security.jwt.jwks-uri=",
                    // The retention job deletes by the context's clock, which tests move by days: it never runs
                    // during a suite (RetentionJobTest runs it directly).
                    "coachwork.retention.interval=P1D"));
            if (ClassUtils.isPresent("io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider", null)) {
                TestInfrastructure.PostgresServer pg = TestInfrastructure.postgres();
                String database = TestInfrastructure.createDatabase("cw_test");
                properties.addAll(List.of(
                        "spring.r2dbc.url=" + pg.r2dbcUrl(database),
                        "spring.r2dbc.username=" + pg.user(),
                        "spring.r2dbc.password=" + pg.password(),
                        "spring.flyway.url=" + pg.jdbcUrl(database),
                        "spring.flyway.user=" + pg.user(),
                        "spring.flyway.password=" + pg.password(),
                        "coachwork.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        "coachwork.kafka.group-suffix=." + database));
                if (context.getEnvironment().getProperty("coachwork.test.validate-published-events", Boolean.class, true)) {
                    context.getBeanFactory().addBeanPostProcessor(new PublishedEventsCheck(context.getBeanFactory()));
                }
            }
            TestPropertyValues.of(properties).applyTo(context);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}

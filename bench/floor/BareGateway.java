package bench.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Spring Cloud Gateway with one route and nothing else: no security, rate limit, observations or filters of ours. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BareGateway {
    public static void main(String[] args) {
        SpringApplication.run(BareGateway.class, args);
    }
}

package io.coachwork.platform.test;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.outbox.OutboxWriter;
import java.util.List;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import reactor.core.publisher.Mono;

/**
 * Wraps every service's {@link OutboxWriter} in its tests so that each event it writes is checked
 * against {@link PublishedEventContracts}: an event that does not match fails the write, and with
 * it the test that caused it. Dead-letter topics are not checked (they carry whatever failed,
 * byte for byte). Registered by {@link InfrastructureContextCustomizerFactory}; a context turns
 * it off with {@code coachwork.test.validate-published-events=false}.
 */
final class PublishedEventsCheck implements BeanPostProcessor {

    private final BeanFactory beans;

    PublishedEventsCheck(BeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof OutboxWriter)) {
            return bean;
        }
        PublishedEventContracts contracts = PublishedEventContracts.load();
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) call -> {
            Object[] args = call.getArguments();
            // appendWith takes the change it runs with first; the others start with the topic
            int at = call.getMethod().getName().equals("appendWith") ? 1 : 0;
            if (args.length < at + 3 || !(args[at] instanceof String topic) || topic.endsWith(".dlt")) {
                return call.proceed();
            }
            String type = (String) args[at + 2];
            return switch (call.getMethod().getName()) {
                case "append", "appendWith" -> ((Mono<?>) call.proceed()).doOnNext(event ->
                        check(contracts, topic, type, beans.getBean(EventCodec.class).write((CloudEvent) event)));
                case "appendRaw" -> {
                    check(contracts, topic, type, (String) args[3]);
                    yield call.proceed();
                }
                default -> call.proceed();
            };
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }

    private static void check(PublishedEventContracts contracts, String topic, String type, String payload) {
        List<String> problems = contracts.violations(topic, type, payload);
        if (!problems.isEmpty()) {
            throw new AssertionError("Event " + type + " on " + topic + " does not match docs/asyncapi.yaml and its "
                    + "schema: " + problems + "\n" + payload);
        }
    }
}

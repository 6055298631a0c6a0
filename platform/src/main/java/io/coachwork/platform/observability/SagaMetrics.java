package io.coachwork.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Outcomes and durations of sagas, as one timer {@code coachwork.saga} tagged with the saga's name
 * and how it ended ({@code completed}, {@code compensated}, {@code failed}, {@code timed_out}):
 * its count per outcome gives the failure rate the chart's PrometheusRule alerts on.
 */
public class SagaMetrics {

    public static final String METER = "coachwork.saga";

    private final MeterRegistry registry;

    public SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one saga that ended with {@code outcome} after {@code duration} (start to final state). */
    public void record(String saga, String outcome, Duration duration) {
        Timer.builder(METER)
                .description("Sagas by how they ended, from start to final state")
                .tag("saga", saga)
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
    }
}

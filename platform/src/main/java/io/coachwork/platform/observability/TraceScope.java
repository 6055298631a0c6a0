package io.coachwork.platform.observability;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The current request's (or consumed event's) trace and correlation id as thread locals, for the moment a
 * log line or a {@code traceparent} needs them. The platform runs Reactor with
 * {@code spring.reactor.context-propagation=limited}: restoring every thread local on every operator hop
 * (the {@code auto} mode) cost 27-30% of a simple request's CPU (docs/performance.md), so the observation
 * and the correlation id stay in the Reactor context and are opened only where they are read.
 * Reactor's own {@code handle} and {@code tap} operators restore them as well.
 */
public final class TraceScope {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private TraceScope() {
    }

    /**
     * Sets the thread locals the context holds (the observation, whose span puts {@code traceId} and
     * {@code spanId} into the MDC, and {@code correlationId}) until the scope is closed.
     */
    public static ContextSnapshot.Scope open(ContextView context) {
        return SNAPSHOTS.setThreadLocalsFrom(context);
    }

    /**
     * The context without the entries Reactor would restore as thread locals. In the limited mode Reactor
     * still restores them in every {@code handle} operator, and r2dbc-postgresql decodes each row through
     * several: for a query of a few hundred rows that was ~20% of the request's CPU. For such reads
     * ({@code .contextWrite(TraceScope::untraced)}), where nothing logs or traces per row.
     */
    public static Context untraced(Context context) {
        Context out = context;
        for (ThreadLocalAccessor<?> accessor : ContextRegistry.getInstance().getThreadLocalAccessors()) {
            out = out.delete(accessor.key());
        }
        return out;
    }

    /** Completes empty after running {@code action} (typically a log line) inside the subscriber's trace. */
    public static Mono<Void> run(Runnable action) {
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope ignored = open(context)) {
                action.run();
            }
            return Mono.empty();
        });
    }
}

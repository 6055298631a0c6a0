package io.coachwork.platform.jobs;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A stream a bean runs in the background while the application runs: subscribed on start, disposed on stop. */
public abstract class BackgroundStream implements SmartLifecycle {

    private Disposable running;

    /** Subscribes the stream; called on each start. */
    protected abstract Disposable subscribe();

    /**
     * Runs {@code pass} now and then every {@code period}, one pass at a time (ticks during a pass are dropped);
     * a failed pass goes to {@code onFailure} and the next tick runs again.
     */
    protected static Disposable every(Duration period, Supplier<Mono<?>> pass, Consumer<Throwable> onFailure) {
        return every(Duration.ZERO, period, pass, onFailure);
    }

    /** As {@link #every(Duration, Supplier, Consumer)}, with the first pass {@code delay} after the start. */
    protected static Disposable every(Duration delay, Duration period, Supplier<Mono<?>> pass,
                                      Consumer<Throwable> onFailure) {
        return Flux.interval(delay, period)
                .onBackpressureDrop()
                .concatMap(tick -> pass.get().onErrorResume(e -> {
                    onFailure.accept(e);
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public synchronized void start() {
        if (running == null) {
            running = subscribe();
        }
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running != null;
    }
}

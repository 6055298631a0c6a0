package io.coachwork.platform.outbox;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Tells this instance's relay that an outbox row became visible: after the commit of the
 * transaction that wrote it (a rolled-back row wakes nobody), or at once when there was no
 * transaction. Wakes that arrive while the relay is busy coalesce into one more pass.
 */
public class OutboxWakeup {

    private final Sinks.Many<Boolean> sink = Sinks.many().multicast().directBestEffort();

    /** Signals after the current transaction commits, or now when there is none. */
    public Mono<Void> afterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(tx -> {
                    if (!tx.isSynchronizationActive()) {
                        return Mono.fromRunnable(this::wake);
                    }
                    tx.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return Mono.fromRunnable(OutboxWakeup.this::wake);
                        }
                    });
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(this::wake));
    }

    /** Wakes the relay; concurrent callers retry only the lost race, and a wake with no relay listening is dropped. */
    public void wake() {
        sink.emitNext(Boolean.TRUE, (signal, result) -> result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
    }

    Flux<Boolean> signals() {
        return sink.asFlux();
    }
}

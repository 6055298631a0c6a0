package io.coachwork.notification.dispatch;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Runs work that leaves the database (a push, waking the email worker) only once the current
 * transaction has committed: a rolled-back and retried event must not push twice, nor announce an
 * inbox entry that does not exist. Outside a transaction the work runs at once.
 */
final class AfterCommit {

    private AfterCommit() {
    }

    static Mono<Void> run(Runnable work) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(sync -> {
                    if (!sync.isSynchronizationActive()) {
                        return Mono.<Void>fromRunnable(work);
                    }
                    sync.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return Mono.fromRunnable(work);
                        }
                    });
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(work));
    }
}

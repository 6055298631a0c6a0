package io.coachwork.notification.email;

import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.notification.NotificationProperties;
import io.coachwork.notification.delivery.DeliveryRepository;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Sends the emails queued in the delivery log. Woken after each dispatch commits, and polling for
 * anything left behind (a crash, a wake-up lost). Each email gets {@code max-attempts} tries with
 * exponential backoff; the outcome, sent or failed with the error, is written back to its row, so
 * no email is ever dropped silently. JavaMail blocks, so sending runs on the bounded-elastic pool.
 */
@Component
public class EmailWorker {

    private static final Logger log = LoggerFactory.getLogger(EmailWorker.class);
    private static final int PARALLEL_SENDS = 4;
    private static final int MAX_ERROR_LENGTH = 1000;

    private final DeliveryRepository deliveries;
    private final JavaMailSender sender;
    private final MailComposer composer;
    private final NotificationProperties.Email settings;
    private final Clock clock;

    public EmailWorker(DeliveryRepository deliveries, JavaMailSender sender, NotificationProperties properties,
                       Clock clock) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.composer = new MailComposer(properties.mailFrom());
        this.settings = properties.email();
        this.clock = clock;
    }

    /** Starts a pass now, without waiting for it; the poll catches whatever it misses. */
    public void wake() {
        drain().subscribe(sent -> { }, e -> log.warn("email pass failed; the next poll retries: {}", e.toString()));
    }

    @Scheduled(fixedDelayString = "${coachwork.notifications.email.poll-interval:PT5S}")
    public Mono<Void> poll() {
        return ScheduledRuns.logged(log, "email poll", drain(), sent -> { });
    }

    /** One pass over the queue. Returns how many emails it settled (sent or failed). */
    public Mono<Long> drain() {
        // The claim is read whole first: its connection goes back to the pool before any send or write.
        return deliveries.claimEmails(settings.batchSize())
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .flatMap(this::deliver, PARALLEL_SENDS)
                .count();
    }

    private Mono<Void> deliver(DeliveryRepository.EmailJob job) {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Void> send = Mono.<Void>fromRunnable(() -> {
                    attempts.incrementAndGet();
                    sender.send(composer.compose(sender, job));
                })
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(settings.maxAttempts() - 1L, settings.initialBackoff())
                        .filter(EmailWorker::worthRetrying)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        // The outcome is settled first, so a failure to record it is never mistaken for a failed send.
        return send.thenReturn(Optional.<Throwable>empty())
                .onErrorResume(e -> Mono.just(Optional.of(e)))
                .flatMap(failure -> {
                    int total = job.attempts() + attempts.get();
                    if (failure.isEmpty()) {
                        return deliveries.markSent(job.id(), total, clock.instant());
                    }
                    log.warn("email delivery {} failed after {} attempt(s): {}", job.id(), total, failure.get().toString());
                    return deliveries.markFailed(job.id(), total, describe(failure.get()), clock.instant());
                });
    }

    /** A message that cannot even be built fails the same way every time. */
    private static boolean worthRetrying(Throwable e) {
        return !(e instanceof MailPreparationException);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            text.append(" (cause: ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage()).append(')');
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }
}

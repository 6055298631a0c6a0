package io.coachwork.notification.email;

import io.coachwork.platform.jobs.BackgroundStream;
import io.coachwork.platform.jobs.ScheduledRuns;
import io.coachwork.notification.NotificationProperties;
import io.coachwork.notification.delivery.DeliveryRepository;
import io.coachwork.notification.delivery.DeliveryRepository.EmailJob;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Sends the emails queued in the delivery log. Woken after each dispatch commits, and polling for
 * anything left behind (a crash, a wake-up lost). Passes run one at a time, and wake-ups during a
 * pass collapse into one next pass, which claims everything queued meanwhile: a claimed batch goes
 * out over one SMTP connection (opening one per email, connect, EHLO and QUIT, was half of the cost
 * of sending), so under load many emails share a connection and a claim. An email that fails there
 * gets the rest of its {@code max-attempts} tries on its own, with exponential backoff, beside the
 * passes rather than holding them up. The outcome, sent or failed with the error, is written back to
 * its row, so no email is ever dropped silently. JavaMail blocks, so sending runs on the
 * bounded-elastic pool.
 */
@Component
public class EmailWorker extends BackgroundStream {

    private static final Logger log = LoggerFactory.getLogger(EmailWorker.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final DeliveryRepository deliveries;
    private final JavaMailSender sender;
    private final MailComposer composer;
    private final NotificationProperties.Email settings;
    private final Clock clock;
    private final Sinks.Many<Boolean> wakes = Sinks.many().multicast().directBestEffort();

    public EmailWorker(DeliveryRepository deliveries, JavaMailSender sender, NotificationProperties properties,
                       Clock clock) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.composer = new MailComposer(properties.mailFrom());
        this.settings = properties.email();
        this.clock = clock;
    }

    /** Asks for a pass: now when idle, else right after the running one; the poll catches whatever it misses. */
    public void wake() {
        wakes.emitNext(Boolean.TRUE, (signal, result) -> result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
    }

    @Override
    protected Disposable subscribe() {
        return Flux.merge(Flux.interval(Duration.ZERO, settings.pollInterval()).map(tick -> Boolean.TRUE),
                        wakes.asFlux())
                .onBackpressureLatest()
                .concatMap(signal -> ScheduledRuns.logged(log, "email pass", drain(), settled -> { }), 1)
                .subscribe();
    }

    /** One pass over the queue, batch after batch. Returns how many emails it sent or handed to their retries. */
    private Mono<Long> drain() {
        return batch().expand(claimed -> claimed >= settings.batchSize() ? batch() : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> batch() {
        // The claim is read whole first: its connection goes back to the pool before any send or write.
        return deliveries.claimEmails(settings.batchSize())
                .collectList()
                .filter(jobs -> !jobs.isEmpty())
                .flatMap(jobs -> Mono.fromCallable(() -> sendTogether(jobs))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(failures -> settle(jobs, failures)))
                .defaultIfEmpty(0L);
    }

    /**
     * The first attempt at each claimed email: all are composed, then sent over one connection.
     * Returns the ones that failed, each with its own error; the others went out.
     */
    private Map<EmailJob, Exception> sendTogether(List<EmailJob> jobs) {
        Map<EmailJob, Exception> failures = new LinkedHashMap<>();
        Map<MimeMessage, EmailJob> messages = new LinkedHashMap<>();
        for (EmailJob job : jobs) {
            try {
                messages.put(composer.compose(sender, job), job);
            } catch (RuntimeException e) {
                // An email that cannot be built does not hold back the others.
                failures.put(job, e);
            }
        }
        if (messages.isEmpty()) {
            return failures;
        }
        try {
            sender.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (RuntimeException e) {
            messages.forEach((message, job) -> failureOf(message, e).ifPresent(failure -> failures.put(job, failure)));
        }
        return failures;
    }

    /**
     * How {@code message} fared in a batch that threw {@code e}, as a send of it alone would report it.
     * JavaMailSenderImpl names each message that failed (a connection failure names them all) and the
     * others went out; an exception naming none (a refused login, say) failed them all alike.
     */
    private static Optional<Exception> failureOf(MimeMessage message, RuntimeException e) {
        if (!(e instanceof MailSendException batch) || batch.getFailedMessages().isEmpty()) {
            return Optional.of(e);
        }
        Exception own = batch.getFailedMessages().get(message);
        if (own == null) {
            return Optional.empty();
        }
        // The only one named, the batch's exception is what a lone send would have thrown; otherwise its
        // own failure alone, so its recorded error does not list the other messages' errors.
        return Optional.of(batch.getFailedMessages().size() == 1 ? batch
                : new MailSendException(null, batch.getCause(), Map.of(message, own)));
    }

    /**
     * Marks the emails that went out in one statement, then starts each failed one's remaining attempts;
     * they hold their claim while they run, so no pass takes them meanwhile.
     */
    private Mono<Long> settle(List<EmailJob> jobs, Map<EmailJob, Exception> failures) {
        Map<Long, Integer> sent = new LinkedHashMap<>();
        jobs.stream().filter(job -> !failures.containsKey(job)).forEach(job -> sent.put(job.id(), job.attempts() + 1));
        Mono<Void> marked = sent.isEmpty() ? Mono.empty() : deliveries.markSent(sent, clock.instant());
        return marked.doOnSuccess(done -> failures.forEach((job, failure) -> retry(job, failure).subscribe(null,
                        e -> log.warn("email delivery {}: its outcome could not be recorded; retried after its claim "
                                + "expires: {}", job.id(), e.toString()))))
                .thenReturn((long) jobs.size());
    }

    /**
     * The rest of a failed email's attempts, each a send of its own. The first subscription replays the
     * batch's failure, so backoff, filter and attempt count are exactly those of an email sent alone.
     */
    private Mono<Void> retry(EmailJob job, Exception firstFailure) {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Void> send = Mono.defer(() -> attempts.getAndIncrement() == 0 ? Mono.<Void>error(firstFailure)
                        : Mono.<Void>fromRunnable(() -> sender.send(composer.compose(sender, job)))
                                .subscribeOn(Schedulers.boundedElastic()))
                .retryWhen(Retry.backoff(settings.maxAttempts() - 1L, settings.initialBackoff())
                        .filter(EmailWorker::worthRetrying)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        // The outcome is settled first, so a failure to record it is never mistaken for a failed send.
        return send.thenReturn(Optional.<Throwable>empty())
                .onErrorResume(e -> Mono.just(Optional.of(e)))
                .flatMap(failure -> {
                    int total = job.attempts() + attempts.get();
                    if (failure.isEmpty()) {
                        return deliveries.markSent(Map.of(job.id(), total), clock.instant());
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

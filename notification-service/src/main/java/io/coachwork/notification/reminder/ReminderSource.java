package io.coachwork.notification.reminder;

import io.coachwork.notification.dispatch.Notice;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * One kind of session that gets reminders (coaching sessions, teaching sessions): where its
 * reminders are kept and who each one reaches. {@link ReminderJob} decides when they go out,
 * the same way for every kind.
 *
 * @param <S> what the source knows about a session
 */
public interface ReminderSource<S> {

    /** A reminder that has come due, with the session it is about. */
    record Due<S>(ReminderKind kind, Instant sessionStart, S session) {
    }

    /**
     * Reminders due by {@code now}, locked so replicas running the job at once skip each other's.
     * Called inside a transaction; the batch is read whole before the caller writes on its connection.
     */
    Mono<List<Due<S>>> claimDue(Instant now, int limit);

    Mono<Void> markProcessed(Due<S> due, String outcome, Instant now);

    /** The notices of a reminder that goes out; empty when nobody is left to remind. */
    List<Notice> notices(Due<S> due, Instant now);
}

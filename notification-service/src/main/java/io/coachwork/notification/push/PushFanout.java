package io.coachwork.notification.push;

import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * How a push reaches the sockets other replicas hold. Best effort throughout: the inbox is the
 * source of truth, so none of these fails or waits long when the other replicas cannot be reached.
 */
public interface PushFanout {

    /** Which of {@code userIds} hold a socket on another instance; {@code complete} is false when that is unknown. */
    Mono<Reach> connectedElsewhere(Set<Long> userIds);

    /** Hands a push to the instances holding the user's other sockets; returns at once. */
    void publish(long userId, String message);

    /**
     * Starts receiving the user's pushes published by other instances; completes once they arrive
     * here (at once, or after a short wait, when that cannot be arranged).
     */
    Mono<Void> follow(long userId);

    /** One of the user's sockets here closed: stop receiving their pushes once none is left. */
    void unfollow(long userId);

    record Reach(Set<Long> connected, boolean complete) {

        public static final Reach UNKNOWN = new Reach(Set.of(), false);

        public Reach {
            connected = Set.copyOf(connected);
        }
    }

    /** A single instance: every socket is here, so nobody is connected elsewhere and nothing goes anywhere else. */
    PushFanout LOCAL_ONLY = new PushFanout() {
        @Override
        public Mono<Reach> connectedElsewhere(Set<Long> userIds) {
            return Mono.just(new Reach(Set.of(), true));
        }

        @Override
        public void publish(long userId, String message) {
        }

        @Override
        public Mono<Void> follow(long userId) {
            return Mono.empty();
        }

        @Override
        public void unfollow(long userId) {
        }
    };
}

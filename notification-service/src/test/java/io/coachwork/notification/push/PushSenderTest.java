package io.coachwork.notification.push;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class PushSenderTest {

    /** Another replica holds user 2's socket; records what is handed over and what it was asked. */
    private static final class OtherReplicas implements PushFanout {

        final List<String> published = new CopyOnWriteArrayList<>();
        final List<Set<Long>> asked = new CopyOnWriteArrayList<>();
        boolean reachable = true;

        @Override
        public Mono<Reach> connectedElsewhere(Set<Long> userIds) {
            asked.add(userIds);
            return Mono.just(reachable ? new Reach(userIds.contains(2L) ? Set.of(2L) : Set.of(), true) : Reach.UNKNOWN);
        }

        @Override
        public void publish(long userId, String message) {
            published.add(userId + ":" + message);
        }

        @Override
        public Mono<Void> follow(long userId) {
            return Mono.empty();
        }

        @Override
        public void unfollow(long userId) {
        }
    }

    @Test
    void onlyUsersWithoutASocketHereAreLookedUpElsewhere() {
        PushRegistry registry = new PushRegistry();
        OtherReplicas others = new OtherReplicas();
        Disposable here = registry.connect(1).subscribe();

        Map<Long, Presence> presence = new PushSender(registry, others).presence(Set.of(1L, 2L, 3L)).block();

        assertThat(presence).isEqualTo(Map.of(1L, Presence.CONNECTED, 2L, Presence.CONNECTED, 3L, Presence.OFFLINE));
        assertThat(others.asked).containsExactly(Set.of(2L, 3L));
        assertThat(new PushSender(registry, others).presence(Set.of(1L)).block()).isEqualTo(Map.of(1L, Presence.CONNECTED));
        assertThat(others.asked).hasSize(1);
        here.dispose();
    }

    @Test
    void whenTheOtherReplicasCannotBeAskedAUserWithoutASocketHereIsNotHere() {
        OtherReplicas others = new OtherReplicas();
        others.reachable = false;

        assertThat(new PushSender(new PushRegistry(), others).presence(Set.of(2L, 3L)).block())
                .isEqualTo(Map.of(2L, Presence.NOT_HERE, 3L, Presence.NOT_HERE));
    }

    @Test
    void aPushGoesToTheSocketsHereDirectlyAndToTheOtherReplicas() {
        PushRegistry registry = new PushRegistry();
        OtherReplicas others = new OtherReplicas();
        List<String> phone = new CopyOnWriteArrayList<>();
        Disposable here = registry.connect(1).subscribe(phone::add);

        new PushSender(registry, others).send(1, "hello");

        assertThat(phone).containsExactly("hello");
        assertThat(others.published).containsExactly("1:hello");
        here.dispose();
    }
}

package io.coachwork.notification.push;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

class PushRegistryTest {

    @Test
    void everyOpenSocketOfAUserGetsTheMessageAndOthersDoNot() {
        PushRegistry registry = new PushRegistry();
        List<String> phone = new CopyOnWriteArrayList<>();
        List<String> laptop = new CopyOnWriteArrayList<>();
        List<String> someoneElse = new CopyOnWriteArrayList<>();
        Disposable a = registry.connect(1).subscribe(phone::add);
        Disposable b = registry.connect(1).subscribe(laptop::add);
        Disposable c = registry.connect(2).subscribe(someoneElse::add);

        registry.publish(1, "hello");

        assertThat(phone).containsExactly("hello");
        assertThat(laptop).containsExactly("hello");
        assertThat(someoneElse).isEmpty();
        a.dispose();
        b.dispose();
        c.dispose();
    }

    @Test
    void aUserCountsAsConnectedUntilTheirLastSocketCloses() {
        PushRegistry registry = new PushRegistry();
        Disposable a = registry.connect(1).subscribe();
        Disposable b = registry.connect(1).subscribe();
        assertThat(registry.isConnected(1)).isTrue();
        a.dispose();
        assertThat(registry.isConnected(1)).isTrue();
        b.dispose();
        assertThat(registry.isConnected(1)).isFalse();
        registry.publish(1, "nobody listens");
        Disposable again = registry.connect(1).subscribe();
        assertThat(registry.isConnected(1)).isTrue();
        again.dispose();
    }
}

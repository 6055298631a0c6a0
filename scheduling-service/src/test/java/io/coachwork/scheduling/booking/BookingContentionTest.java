package io.coachwork.scheduling.booking;

import io.coachwork.platform.test.TestJwt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Double booking is impossible in the database, not only checked before the insert: many students
 * booking one slot at once end with exactly as many holds as it has seats, on real PostgreSQL.
 */
class BookingContentionTest extends BookingIntegrationTest {

    private ExecutorService pool;

    @BeforeEach
    void start() {
        clock.set(NOW);
        pool = Executors.newFixedThreadPool(64);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Each student books the slot once, all at once; answers the statuses by count. */
    private Map<Integer, Long> rush(long slot, int students) {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        String body = "{\"slot_id\": " + slot + "}";
        for (int i = 0; i < students; i++) {
            String token = TestJwt.student(newUser());
            answers.add(CompletableFuture.supplyAsync(() -> answer(send(HttpMethod.POST, BOOK, token, body)).status(), pool));
        }
        return answers.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void twoHundredStudentsRushingOneOneToOneSlotLeaveExactlyOneHold() {
        long slot = oneToOne(tutor());
        Map<Integer, Long> statuses = rush(slot, 200);
        // Nobody plays the wallet here: the winner's answer is 202 (held, the payment being prepared).
        assertThat(statuses).containsOnlyKeys(202, 409).containsEntry(202, 1L).containsEntry(409, 199L);
        assertThat(bookedCount(slot)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM booking WHERE slot_id = $1", slot)).isEqualTo(1);
    }

    @Test
    void fiftyStudentsRushingATwentySeatSlotLeaveExactlyTwentyHolds() {
        long slot = slot(tutor(), "2031-03-06", "15:00", "16:00", 60, "GROUP", 20);
        Map<Integer, Long> statuses = rush(slot, 50);
        assertThat(statuses).containsOnlyKeys(202, 409).containsEntry(202, 20L).containsEntry(409, 30L);
        assertThat(bookedCount(slot)).isEqualTo(20);
        assertThat(count("SELECT count(*) FROM booking WHERE slot_id = $1 AND status = 'HELD'", slot)).isEqualTo(20);
        assertThat(count("SELECT count(DISTINCT teaching_session_id) FROM booking WHERE slot_id = $1", slot)).isEqualTo(1);
    }
}

package io.coachwork.session.coaching;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whatever date-times a client writes, from the first to the last date-time ISO-8601 can write in Java, with any
 * offset, the window is either valid or refused as a rule violation naming a time field: nothing
 * overflows, nothing else is thrown.
 */
class SessionTimesPropertyTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:00:00Z");
    private static final Duration AHEAD = Duration.ofDays(365);

    @Property(tries = 2000)
    void everyInputGivesAValidWindowOrARuleViolation(@ForAll("dateTimes") String start,
                                                     @ForAll("dateTimesOrNone") String end,
                                                     @ForAll("defaultDurations") int defaultDuration) {
        Throwable thrown = catchThrowable(() -> {
            SessionTimes.Window window = SessionTimes.window(start, end, NOW, defaultDuration, AHEAD);
            assertThat(window.start()).isBetween(NOW.minus(SessionTimes.PAST_START_GRACE), NOW.plus(AHEAD));
            assertThat(window.end()).isAfter(window.start());
            assertThat(window.durationMinutes()).isBetween(1, SessionTimes.MAX_DURATION_MINUTES);
            assertThat(Duration.between(window.start(), window.end()))
                    .isLessThanOrEqualTo(Duration.ofMinutes(window.durationMinutes()));
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOfSatisfying(SessionRuleViolation.class,
                    v -> assertThat(v.field()).isIn("start_time", "end_time"));
        }
    }

    @Property(tries = 1000)
    void anEndAnyDistanceAfterAValidStartIsAcceptedOnlyUpToTheMaximumDuration(
            @ForAll("nearNowSeconds") long startSecond,
            @ForAll("anyDistanceSeconds") long distanceSeconds) {
        Instant start = Instant.ofEpochSecond(startSecond);
        Instant end = start.plusSeconds(Math.min(distanceSeconds, Instant.MAX.getEpochSecond() - startSecond));
        Throwable thrown = catchThrowable(() -> SessionTimes.window(start.toString(), end.toString(), NOW, 60, AHEAD));
        if (Duration.between(start, end).compareTo(Duration.ofMinutes(SessionTimes.MAX_DURATION_MINUTES)) <= 0
                && end.isAfter(start) && !start.isBefore(NOW.minus(SessionTimes.PAST_START_GRACE))
                && !start.isAfter(NOW.plus(AHEAD))) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(SessionRuleViolation.class);
        }
    }

    @Provide
    Arbitrary<Long> nearNowSeconds() {
        return Arbitraries.longs().between(-2 * AHEAD.toSeconds(), 2 * AHEAD.toSeconds())
                .map(s -> NOW.getEpochSecond() + s);
    }

    @Provide
    Arbitrary<Long> anyDistanceSeconds() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 2 * SessionTimes.MAX_DURATION_MINUTES * 60L),
                Arbitraries.longs().between(0, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<String> dateTimes() {
        Arbitrary<Long> anySecond = Arbitraries.longs()
                .between(LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC) + 86_400,
                        LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC) - 86_400);
        Arbitrary<Long> seconds = Arbitraries.frequencyOf(Tuple.of(1, anySecond), Tuple.of(3, nearNowSeconds()));
        return Combinators.combine(seconds, Arbitraries.integers().between(0, 999_999_999),
                        Arbitraries.integers().between(-18 * 3600, 18 * 3600))
                .as((s, nanos, offset) -> Instant.ofEpochSecond(s, nanos)
                        .atOffset(ZoneOffset.ofTotalSeconds(offset)).toString());
    }

    @Provide
    Arbitrary<String> dateTimesOrNone() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(6, dateTimes()));
    }

    @Provide
    Arbitrary<Integer> defaultDurations() {
        return Arbitraries.integers().between(15, SessionTimes.MAX_DURATION_MINUTES);
    }
}

package io.coachwork.platform.web;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written timestamp text is exactly what the pattern formatter writes. */
class ApiTimestampsTest {

    @Property(tries = 5000)
    void writesWhatTheFormatterWrites(@ForAll @LongRange(min = -70_000_000_000L, max = 300_000_000_000L) long seconds,
                                      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        assertThat(ApiTimestamps.format(instant)).isEqualTo(ApiTimestamps.FORMAT.format(instant));
    }

    @Test
    void edgesOfTheDirectRange() {
        for (String text : new String[] {"0001-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z",
                "1970-01-01T00:00:00Z", "2024-02-29T12:34:56.789Z", "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(ApiTimestamps.format(instant)).isEqualTo(ApiTimestamps.FORMAT.format(instant));
        }
        assertThat(ApiTimestamps.format(Instant.parse("2024-01-20T14:00:00Z"))).isEqualTo("2024-01-20T14:00:00.000Z");
    }
}

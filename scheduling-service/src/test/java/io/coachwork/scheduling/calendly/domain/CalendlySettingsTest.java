package io.coachwork.scheduling.calendly.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachwork.scheduling.availability.domain.Busy;
import io.coachwork.scheduling.calendly.domain.CalendlySettings.RawMapping;
import io.coachwork.scheduling.support.InvalidInput;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CalendlySettingsTest {

    private static final String USER = "https://api.calendly.com/users/AAAAAAAAAAAAAAAA";
    private static final String LESSON = "https://api.calendly.com/event_types/LESSON";
    private static final String PERSONAL = "https://api.calendly.com/event_types/PERSONAL";
    private static final Instant START = Instant.parse("2031-03-05T09:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(45));

    private static RawMapping mapping(String uri, String mode, long before, long after) {
        return new RawMapping(uri, mode, BigDecimal.valueOf(before), BigDecimal.valueOf(after));
    }

    private static String refusedField(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidInput e) {
            return e.field();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aMappedBusyTypeIsWidenedByItsBuffersAnIgnoredTypeIsNotBusyAndOthersFollowTheDefault() {
        CalendlySettings s = CalendlySettings.parse(USER, "busy",
                List.of(mapping(LESSON, "busy", 10, 15), mapping(PERSONAL, "IGNORE", 0, 0)));
        assertThat(s.busy(LESSON, START, END)).contains(new Busy(START.minusSeconds(600), END.plusSeconds(900)));
        assertThat(s.busy(PERSONAL, START, END)).isEmpty();
        assertThat(s.busy("https://api.calendly.com/event_types/OTHER", START, END)).contains(new Busy(START, END));
        assertThat(s.busy(null, START, END)).contains(new Busy(START, END));

        CalendlySettings ignoring = CalendlySettings.parse(USER, "ignore", List.of(mapping(LESSON, null, 5, 0)));
        assertThat(ignoring.busy("https://api.calendly.com/event_types/OTHER", START, END)).isEmpty();
        assertThat(ignoring.busy(LESSON, START, END)).contains(new Busy(START.minusSeconds(300), END));
    }

    @Test
    void defaultsAreBusyWithNoBuffers() {
        CalendlySettings s = CalendlySettings.parse(USER, null, null);
        assertThat(s.defaultMode()).isEqualTo(Mode.BUSY);
        assertThat(s.mappings()).isEmpty();
        CalendlySettings m = CalendlySettings.parse(USER, null, List.of(new RawMapping(LESSON, null, null, null)));
        assertThat(m.mappings()).containsExactly(new EventTypeMapping(LESSON, Mode.BUSY, 0, 0));
    }

    @Test
    void badSettingsAreRefusedNamingTheirField() {
        assertThat(refusedField(() -> CalendlySettings.parse(null, null, null))).isEqualTo("calendly_user_uri");
        assertThat(refusedField(() -> CalendlySettings.parse("https://calendly.com/ada", null, null))).isEqualTo("calendly_user_uri");
        assertThat(refusedField(() -> CalendlySettings.parse(USER + "\0", null, null))).isEqualTo("calendly_user_uri");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, "sometimes", null))).isEqualTo("default_mode");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, null, List.of(mapping("https://evil.example/x", "busy", 0, 0)))))
                .isEqualTo("event_type_uri");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, null, List.of(mapping(LESSON, "maybe", 0, 0)))))
                .isEqualTo("mode");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, null, List.of(mapping(LESSON, "busy", -1, 0)))))
                .isEqualTo("buffer_before_minutes");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, null, List.of(mapping(LESSON, "busy", 0, 241)))))
                .isEqualTo("buffer_after_minutes");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, null, List.of(new RawMapping(LESSON, "busy",
                new BigDecimal("1.5"), null))))).isEqualTo("buffer_before_minutes");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, null, List.of(new RawMapping(LESSON, "busy",
                new BigDecimal("1e400"), null))))).isEqualTo("buffer_before_minutes");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, null, List.of(mapping(LESSON, "busy", 0, 0),
                mapping(LESSON, "ignore", 0, 0))))).isEqualTo("event_type_uri");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, null, Collections.nCopies(51, mapping(LESSON, "busy", 0, 0)))))
                .isEqualTo("event_type_mappings");
        assertThat(refusedField(() -> CalendlySettings.parse(USER, null, Collections.singletonList(null))))
                .isEqualTo("event_type_mappings");
    }

    @Test
    void anInviteeEventEndsAfterItStartsAndLastsAtMostADay() {
        assertThatThrownBy(() -> new InviteeEvent(InviteeEvent.CREATED, "i", "e", null, "u", END, START))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InviteeEvent(InviteeEvent.CREATED, "i", "e", null, "u", START, START.plus(Duration.ofHours(25))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InviteeEvent("invitee_no_show.created", "i", "e", null, "u", START, END))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new InviteeEvent(InviteeEvent.CANCELED, "i", "e", null, "u", START, END).created()).isFalse();
    }

    /** Busy time covers the whole event plus exactly its buffers, whatever the event and the buffers. */
    @Property
    void busyTimeIsTheEventWidenedByExactlyItsBuffers(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long startSecond,
                                                      @ForAll @IntRange(min = 1, max = 24 * 60) int minutes,
                                                      @ForAll @IntRange(min = 0, max = 240) int before,
                                                      @ForAll @IntRange(min = 0, max = 240) int after,
                                                      @ForAll boolean ignored) {
        Instant start = Instant.ofEpochSecond(startSecond);
        Instant end = start.plus(Duration.ofMinutes(minutes));
        CalendlySettings s = CalendlySettings.parse(USER, "busy",
                List.of(mapping(LESSON, ignored ? "ignore" : "busy", before, after)));
        Optional<Busy> busy = s.busy(LESSON, start, end);
        if (ignored) {
            assertThat(busy).isEmpty();
            return;
        }
        assertThat(busy).isPresent();
        assertThat(busy.get().start()).isBeforeOrEqualTo(start);
        assertThat(busy.get().end()).isAfterOrEqualTo(end);
        assertThat(Duration.between(busy.get().start(), busy.get().end()))
                .isEqualTo(Duration.ofMinutes((long) minutes + before + after));
        assertThat(Duration.between(busy.get().start(), start)).isEqualTo(Duration.ofMinutes(before));
    }
}

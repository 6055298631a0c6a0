package io.coachwork.scheduling.calendly.domain;

import io.coachwork.scheduling.availability.domain.Busy;
import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Numbers;
import io.coachwork.scheduling.support.Text;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tutor's Calendly connection settings: which Calendly user is theirs, and how each event type counts
 * (unmapped types follow {@code defaultMode}, with no buffers).
 */
public record CalendlySettings(String userUri, Mode defaultMode, List<EventTypeMapping> mappings) {

    public static final int MAX_MAPPINGS = 50;
    public static final int MAX_BUFFER_MINUTES = 240;
    private static final Pattern USER = Pattern.compile("https://api\\.calendly\\.com/users/[A-Za-z0-9_-]{1,64}");
    private static final Pattern EVENT_TYPE = Pattern.compile("https://api\\.calendly\\.com/event_types/[A-Za-z0-9_-]{1,64}");

    public CalendlySettings {
        mappings = List.copyOf(mappings);
    }

    /** A mapping as the client sent it. */
    public record RawMapping(String eventTypeUri, String mode, BigDecimal bufferBeforeMinutes, BigDecimal bufferAfterMinutes) {
    }

    public static CalendlySettings parse(String userUri, String defaultMode, List<RawMapping> raw) {
        String user = Text.required("calendly_user_uri", userUri, 200);
        if (!USER.matcher(user).matches()) {
            throw new InvalidInput("calendly_user_uri",
                    "calendly_user_uri must be a Calendly user URI such as https://api.calendly.com/users/AAAAAAAAAAAAAAAA");
        }
        Mode mode = defaultMode == null ? Mode.BUSY : Mode.parse("default_mode", defaultMode);
        List<RawMapping> given = raw == null ? List.of() : raw;
        if (given.size() > MAX_MAPPINGS) {
            throw new InvalidInput("event_type_mappings", "event_type_mappings can list at most " + MAX_MAPPINGS + " event types");
        }
        List<EventTypeMapping> mappings = new ArrayList<>(given.size());
        Set<String> seen = new HashSet<>();
        for (RawMapping m : given) {
            if (m == null) {
                throw new InvalidInput("event_type_mappings", "event_type_mappings must be objects");
            }
            String uri = Text.required("event_type_uri", m.eventTypeUri(), 200);
            if (!EVENT_TYPE.matcher(uri).matches()) {
                throw new InvalidInput("event_type_uri",
                        "event_type_uri must be a Calendly event type URI such as https://api.calendly.com/event_types/AAAAAAAAAAAAAAAA");
            }
            if (!seen.add(uri)) {
                throw new InvalidInput("event_type_uri", "event_type_uri " + uri + " is mapped twice");
            }
            Mode typeMode = m.mode() == null ? Mode.BUSY : Mode.parse("mode", m.mode());
            mappings.add(new EventTypeMapping(uri, typeMode, buffer("buffer_before_minutes", m.bufferBeforeMinutes()),
                    buffer("buffer_after_minutes", m.bufferAfterMinutes())));
        }
        return new CalendlySettings(user, mode, mappings);
    }

    private static int buffer(String field, BigDecimal value) {
        return value == null ? 0 : Numbers.whole(field, value, 0, MAX_BUFFER_MINUTES);
    }

    /**
     * The busy time a Calendly event of {@code eventTypeUri} over [start, end) makes: widened by its type's
     * buffers, or nothing when the type is ignored.
     */
    public Optional<Busy> busy(String eventTypeUri, Instant start, Instant end) {
        EventTypeMapping mapping = mappings.stream().filter(m -> m.eventTypeUri().equals(eventTypeUri)).findFirst()
                .orElse(new EventTypeMapping(eventTypeUri, defaultMode, 0, 0));
        if (mapping.mode() == Mode.IGNORE) {
            return Optional.empty();
        }
        return Optional.of(new Busy(start.minus(mapping.bufferBefore()), end.plus(mapping.bufferAfter())));
    }
}

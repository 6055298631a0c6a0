package io.coachwork.scheduling.booking;

import io.coachwork.platform.web.ApiException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Seed 003: where Discord is the meeting-room provider, a student links their Discord account
 * (session-service, GET /api/teaching/discord/link) before booking or joining a waitlist, so the
 * session's channel can be opened to them. The rule is checked when the student acts; a waitlist
 * offer made later for a student who has since unlinked still goes ahead, as does a booking whose
 * student unlinks afterwards (session-service then has no Discord account to open the room to).
 */
@Component
public class DiscordLinkRequirement {

    static final String LINK = "GET /api/teaching/discord/link";
    static final String BOOKING = "Link your Discord account before booking: " + LINK;
    static final String WAITLIST = "Link your Discord account before joining a waitlist: " + LINK;

    private final DiscordLinkRepository links;
    private final boolean required;

    public DiscordLinkRequirement(DiscordLinkRepository links,
                                  @Value("${coachwork.bookings.require-discord-link:}") String requireLink,
                                  @Value("${coachwork.bookings.rooms-provider:}") String roomsProvider) {
        this.links = links;
        this.required = required(requireLink, roomsProvider);
    }

    /** An explicit {@code true}/{@code false} wins; left empty, the rule follows the room provider. */
    static boolean required(String requireLink, String roomsProvider) {
        String flag = requireLink == null ? "" : requireLink.trim().toLowerCase(Locale.ROOT);
        return switch (flag) {
            case "true" -> true;
            case "false" -> false;
            case "" -> roomsProvider != null && roomsProvider.trim().equalsIgnoreCase("discord");
            default -> throw new IllegalArgumentException(
                    "coachwork.bookings.require-discord-link must be true, false or empty, not " + requireLink);
        };
    }

    public boolean required() {
        return required;
    }

    /** Completes when the student may go on; 409 with {@code message} when their link is required and missing. */
    public Mono<Void> check(long studentId, String message) {
        if (!required) {
            return Mono.empty();
        }
        return links.linked(studentId).flatMap(linked -> linked ? Mono.<Void>empty()
                : Mono.error(ApiException.conflict(message)));
    }
}

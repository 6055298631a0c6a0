package io.coachwork.session.teaching;

import io.coachwork.platform.web.ApiException;
import io.coachwork.session.teaching.domain.TeachingRuleViolation;
import io.coachwork.session.teaching.domain.TeachingSession;
import io.coachwork.session.teaching.persistence.TeachingParticipantRepository;
import io.coachwork.session.teaching.persistence.TeachingSessionRepository;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may see a teaching session: its tutor and its BOOKED students. Anyone else, and any id that is
 * not a session's, gets the same 404, so ids cannot be probed.
 */
@Component
public class TeachingAccess {

    public static final String NOT_FOUND = "Teaching session not found";

    /** The session and whether the caller is its tutor (else a booked student). */
    public record Seen(TeachingSession session, boolean tutor) {
    }

    private final TeachingSessionRepository sessions;
    private final TeachingParticipantRepository participants;

    public TeachingAccess(TeachingSessionRepository sessions, TeachingParticipantRepository participants) {
        this.sessions = sessions;
        this.participants = participants;
    }

    /** Reads the session for the caller. */
    public Mono<Seen> read(String id, long userId) {
        return check(parse(id).map(sessions::find).orElseGet(Mono::empty), userId);
    }

    /** Locks the session for the caller's transaction (changes of one session apply one after another). */
    public Mono<Seen> lock(String id, long userId) {
        return check(parse(id).map(sessions::lock).orElseGet(Mono::empty), userId);
    }

    private Mono<Seen> check(Mono<TeachingSession> found, long userId) {
        return found.flatMap(s -> s.isTutor(userId) ? Mono.just(new Seen(s, true))
                        : participants.isBooked(s.id(), userId).filter(Boolean::booleanValue).map(b -> new Seen(s, false)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(NOT_FOUND)));
    }

    /** A path id that is not a UUID names no session. */
    public static Optional<UUID> parse(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Runs a rule, turning its refusal into the status its kind names. */
    public static <T> Mono<T> rule(Supplier<T> check) {
        return Mono.fromSupplier(check).onErrorMap(TeachingRuleViolation.class, TeachingAccess::toApi);
    }

    public static ApiException toApi(TeachingRuleViolation v) {
        return switch (v.kind()) {
            case REFUSED -> ApiException.badRequest(v.getMessage());
            case CONFLICT -> ApiException.conflict(v.getMessage());
            case FORBIDDEN -> ApiException.forbidden(v.getMessage());
        };
    }

    public static void tutorOnly(Seen seen, String action) {
        if (!seen.tutor()) {
            throw ApiException.forbidden("Only the tutor can " + action + " the session");
        }
    }
}

package io.coachwork.session.teaching.messaging;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.teaching.TeachingCommands;
import io.coachwork.contracts.teaching.TeachingReplies;
import io.coachwork.platform.web.TextHygiene;
import io.coachwork.session.teaching.domain.ParticipantStatus;
import io.coachwork.session.teaching.domain.SessionType;
import io.coachwork.session.teaching.domain.TeachingParticipant;
import io.coachwork.session.teaching.domain.TeachingRules;
import io.coachwork.session.teaching.domain.TeachingSession;
import io.coachwork.session.teaching.domain.TeachingStatus;
import io.coachwork.session.teaching.persistence.TeachingParticipantRepository;
import io.coachwork.session.teaching.persistence.TeachingSessionRepository;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the booking saga's commands do to teaching sessions. Each runs in the command handler's
 * transaction with the session row locked, so seats are counted and taken one command at a time
 * (the database's one-seat-per-student index backs it). A command that cannot apply is answered
 * with a refusal the saga acts on (refund), never left unanswered: malformed fields included.
 */
@Component
public class TeachingBookings {

    static final String SLOT_TAKEN = "This slot already has another teaching session";
    static final String OTHER_SLOT = "The teaching session belongs to another slot or tutor";
    static final String BOOKING_CANCELLED = "This booking was cancelled";
    static final String ALREADY_SEATED = "The student already has a seat in this session";
    static final String NOT_TUTORS = "The teaching session belongs to another tutor";
    private static final int MAX_TITLE = 200;
    private static final int MAX_GROUP = 20;

    private final TeachingSessionRepository sessions;
    private final TeachingParticipantRepository participants;
    private final TeachingEvents events;

    public TeachingBookings(TeachingSessionRepository sessions, TeachingParticipantRepository participants,
                            TeachingEvents events) {
        this.sessions = sessions;
        this.participants = participants;
        this.events = events;
    }

    public Mono<Reply> add(TeachingCommands.AddTeachingParticipant c, Instant now) {
        Optional<String> invalid = invalid(c);
        if (invalid.isPresent()) {
            return Mono.just(refused(c, "Invalid booking: " + invalid.get()));
        }
        if (!now.isBefore(c.endsAt())) {
            return Mono.just(refused(c, TeachingRules.SESSION_OVER));
        }
        UUID id = UUID.fromString(c.sessionId());
        SessionType type = SessionType.valueOf(c.sessionType());
        TeachingSession fresh = new TeachingSession(id, c.slotId(), c.tutorId(), type,
                type == SessionType.ONE_TO_ONE ? 1 : c.maxParticipants(), c.title().trim(), c.startsAt(), c.endsAt(),
                c.timezone(), TeachingStatus.SCHEDULED, "teaching_" + id, null, null, null, null, null, now, now);
        return sessions.insertIfAbsent(fresh).flatMap(created -> sessions.lock(id)
                .flatMap(s -> seat(c, s, created, now))
                .switchIfEmpty(Mono.fromSupplier(() -> refused(c, SLOT_TAKEN))));
    }

    private Mono<Reply> seat(TeachingCommands.AddTeachingParticipant c, TeachingSession s, boolean created, Instant now) {
        if (s.slotId() != c.slotId() || s.tutorId() != c.tutorId()) {
            return Mono.just(refused(c, OTHER_SLOT));
        }
        UUID bookingId = UUID.fromString(c.bookingId());
        return participants.findBySession(s.id()).flatMap(all -> {
            long seats = all.stream().filter(TeachingParticipant::booked).count();
            Optional<TeachingParticipant> same = all.stream().filter(p -> p.bookingId().equals(bookingId)).findFirst();
            if (same.isPresent()) {
                return Mono.just(same.get().booked() ? added(c, s, same.get(), (int) seats)
                        : refused(c, BOOKING_CANCELLED));
            }
            if (all.stream().anyMatch(p -> p.booked() && p.studentId() == c.studentId())) {
                return Mono.just(refused(c, ALREADY_SEATED));
            }
            Optional<String> refusal = TeachingRules.seatRefusal(s, seats, now);
            if (refusal.isPresent()) {
                return Mono.just(refused(c, refusal.get()));
            }
            // A booking id is unique across sessions: one used for another session is refused, not moved.
            return participants.findByBooking(bookingId).map(other -> refused(c, OTHER_SLOT))
                    .switchIfEmpty(Mono.defer(() -> {
                        TeachingParticipant p = new TeachingParticipant(UUID.randomUUID(), s.id(), bookingId,
                                c.studentId(), ParticipantStatus.BOOKED, now, now);
                        Mono<Void> scheduled = created
                                ? events.publish(EventTypes.TEACHING_SESSION_SCHEDULED, s, c.tutorId(), null) : Mono.empty();
                        return participants.insert(p).then(scheduled)
                                .then(events.publish(EventTypes.TEACHING_PARTICIPANT_JOINED, s, c.studentId(),
                                        c.bookingId()))
                                .thenReturn(added(c, s, p, (int) seats + 1));
                    }));
        });
    }

    public Mono<Reply> remove(TeachingCommands.RemoveTeachingParticipant c, Instant now) {
        Optional<UUID> id = uuid(c.sessionId());
        Optional<UUID> bookingId = uuid(c.bookingId());
        if (id.isEmpty() || bookingId.isEmpty()) {
            return Mono.just(removed(c, 0));
        }
        return sessions.lock(id.get()).flatMap(s -> participants.findBySession(s.id()).flatMap(all -> {
            long seats = all.stream().filter(TeachingParticipant::booked).count();
            Optional<TeachingParticipant> seat = all.stream()
                    .filter(p -> p.booked() && p.bookingId().equals(bookingId.get())).findFirst();
            if (seat.isEmpty()) {
                return Mono.just(removed(c, (int) seats));
            }
            return participants.setStatus(seat.get().id(), ParticipantStatus.CANCELLED, now)
                    .then(events.publish(EventTypes.TEACHING_PARTICIPANT_LEFT, s, seat.get().studentId(),
                            clean(c.reason())))
                    .thenReturn(removed(c, (int) seats - 1));
        })).switchIfEmpty(Mono.fromSupplier(() -> removed(c, 0)));
    }

    public Mono<Reply> cancel(TeachingCommands.CancelTeachingSession c, Instant now) {
        Optional<UUID> id = uuid(c.sessionId());
        if (id.isEmpty()) {
            return Mono.just(cancelled(c, List.of()));
        }
        return sessions.lock(id.get()).flatMap(s -> {
            if (s.tutorId() != c.tutorId()) {
                return Mono.just(cancelRefused(c, s, NOT_TUTORS));
            }
            Optional<String> refusal = TeachingRules.cancelRefusal(s);
            if (refusal.isPresent()) {
                return Mono.just(cancelRefused(c, s, refusal.get()));
            }
            if (s.status() == TeachingStatus.CANCELLED) {
                return Mono.just(cancelled(c, List.of()));
            }
            String reason = clean(c.reason());
            TeachingSession cancelled = s.cancelled(reason, now);
            return participants.cancelBooked(s.id(), now).flatMap(bookingIds -> sessions.update(cancelled)
                    .then(events.publish(EventTypes.TEACHING_SESSION_CANCELLED, cancelled, c.tutorId(), reason))
                    .thenReturn(cancelled(c, bookingIds)));
        }).switchIfEmpty(Mono.fromSupplier(() -> cancelled(c, List.of())));
    }

    /** What is wrong with an AddTeachingParticipant, if anything; checked before anything is stored. */
    static Optional<String> invalid(TeachingCommands.AddTeachingParticipant c) {
        if (uuid(c.sessionId()).isEmpty()) {
            return Optional.of("session_id must be a UUID");
        }
        if (uuid(c.bookingId()).isEmpty()) {
            return Optional.of("booking_id must be a UUID");
        }
        if (c.slotId() < 1 || c.tutorId() < 1 || c.studentId() < 1) {
            return Optional.of("slot_id, tutor_id and student_id must be positive");
        }
        if (c.studentId() == c.tutorId()) {
            return Optional.of("a tutor cannot book their own session");
        }
        if (SessionType.parse(c.sessionType()).isEmpty()) {
            return Optional.of("session_type must be ONE_TO_ONE or GROUP");
        }
        if (c.maxParticipants() < 1 || c.maxParticipants() > MAX_GROUP) {
            return Optional.of("max_participants must be between 1 and " + MAX_GROUP);
        }
        if (c.startsAt() == null || c.endsAt() == null || !c.endsAt().isAfter(c.startsAt())) {
            return Optional.of("ends_at must be after starts_at");
        }
        if (c.title() == null || c.title().isBlank() || c.title().length() > MAX_TITLE || !TextHygiene.isClean(c.title())) {
            return Optional.of("title must be 1 to " + MAX_TITLE + " characters without control characters");
        }
        if (c.timezone() == null || !ZoneId.getAvailableZoneIds().contains(c.timezone())) {
            return Optional.of("timezone must be an IANA time zone");
        }
        return Optional.empty();
    }

    private static Optional<UUID> uuid(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String clean(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String text = TextHygiene.strip(reason).trim();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static Reply added(TeachingCommands.AddTeachingParticipant c, TeachingSession s, TeachingParticipant p,
                               int count) {
        return new Reply(EventTypes.TEACHING_PARTICIPANT_ADDED, new TeachingReplies.TeachingParticipantAdded(c.sagaId(),
                c.sessionId(), c.bookingId(), p.id().toString(), s.channelName(), count));
    }

    private static Reply refused(TeachingCommands.AddTeachingParticipant c, String reason) {
        return new Reply(EventTypes.TEACHING_PARTICIPANT_REFUSED, new TeachingReplies.TeachingParticipantRefused(
                c.sagaId(), c.sessionId(), c.bookingId(), reason));
    }

    private static Reply removed(TeachingCommands.RemoveTeachingParticipant c, int count) {
        return new Reply(EventTypes.TEACHING_PARTICIPANT_REMOVED, new TeachingReplies.TeachingParticipantRemoved(
                c.sagaId(), c.sessionId(), c.bookingId(), count));
    }

    private static Reply cancelled(TeachingCommands.CancelTeachingSession c, List<String> bookingIds) {
        return new Reply(EventTypes.TEACHING_SESSION_CANCEL_DONE, new TeachingReplies.TeachingSessionCancelled(
                c.sagaId(), c.sessionId(), bookingIds));
    }

    private static Reply cancelRefused(TeachingCommands.CancelTeachingSession c, TeachingSession s, String reason) {
        return new Reply(EventTypes.TEACHING_CANCEL_REFUSED, new TeachingReplies.TeachingCancelRefused(c.sagaId(),
                c.sessionId(), s.status().name(), reason));
    }
}

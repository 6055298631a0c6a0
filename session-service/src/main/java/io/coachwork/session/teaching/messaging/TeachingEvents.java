package io.coachwork.session.teaching.messaging;

import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.session.teaching.domain.Attendance;
import io.coachwork.session.teaching.domain.TeachingSession;
import io.coachwork.session.teaching.persistence.AttendanceRepository;
import io.coachwork.session.teaching.persistence.TeachingParticipantRepository;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes {@code coachwork.teaching.session.*} events to the outbox, inside the caller's transaction:
 * the session as it is after the change, with every participant and their attended time. For
 * message events {@code detail} is the message id (the text stays in session-service: clients read it
 * with GET .../messages); for file events it is the file name; for cancellations the reason.
 */
@Component
public class TeachingEvents {

    private final OutboxWriter outbox;
    private final TeachingParticipantRepository participants;
    private final AttendanceRepository attendance;
    private final Clock clock;

    public TeachingEvents(OutboxWriter outbox, TeachingParticipantRepository participants,
                          AttendanceRepository attendance, Clock clock) {
        this.outbox = outbox;
        this.participants = participants;
        this.attendance = attendance;
        this.clock = clock;
    }

    public Mono<Void> publish(String type, TeachingSession s, Long actorId, String detail) {
        return participants.findBySession(s.id()).flatMap(all -> attendance.findBySession(s.id()).flatMap(rows -> {
            Map<Long, Long> attended = Attendance.totals(rows, Attendance.until(s, clock.instant()));
            TeachingSessionEvent event = new TeachingSessionEvent(s.id().toString(), s.slotId(), s.tutorId(),
                    s.type().name(), s.status().name(), s.startsAt(), s.endsAt(), s.title(), s.channelName(),
                    all.stream().map(p -> new TeachingSessionEvent.Participant(p.id().toString(),
                            p.bookingId().toString(), p.studentId(), p.status().name(),
                            attended.getOrDefault(p.studentId(), 0L))).toList(),
                    s.noShow() == null ? null : s.noShow().name(), actorId, detail, clock.instant());
            return outbox.append(Topics.TEACHING_SESSIONS, s.id().toString(), type, event).then();
        }));
    }
}

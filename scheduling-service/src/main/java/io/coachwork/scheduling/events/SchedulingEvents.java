package io.coachwork.scheduling.events;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.scheduling.ScheduleChanged;
import io.coachwork.contracts.scheduling.SlotEvent;
import io.coachwork.contracts.scheduling.TutorProfileEvent;
import io.coachwork.platform.outbox.OutboxWriter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The service's partner events, appended to the outbox inside the caller's transaction. Every
 * {@code coachwork.scheduling.*} event is keyed by tutor id so one tutor's changes stay in order.
 */
@Component
public class SchedulingEvents {

    private final OutboxWriter outbox;

    public SchedulingEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> profileDecided(TutorProfileEvent event) {
        String type = "approved".equals(event.status()) ? EventTypes.TUTOR_PROFILE_APPROVED : EventTypes.TUTOR_PROFILE_REJECTED;
        return outbox.append(Topics.SCHEDULING_PROFILES, Long.toString(event.tutorId()), type, event).then();
    }

    public Mono<Void> slot(String type, SlotEvent event) {
        return outbox.append(Topics.SCHEDULING_SLOTS, Long.toString(event.tutorId()), type, event).then();
    }

    public Mono<Void> scheduleChanged(ScheduleChanged event) {
        return outbox.append(Topics.SCHEDULING_SCHEDULES, Long.toString(event.tutorId()), EventTypes.SCHEDULE_CHANGED,
                event).then();
    }
}

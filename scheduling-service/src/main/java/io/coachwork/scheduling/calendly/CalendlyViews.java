package io.coachwork.scheduling.calendly;

import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.calendly.CalendlyRepository.Connection;
import io.coachwork.scheduling.calendly.CalendlyRepository.Delivery;
import io.coachwork.scheduling.calendly.domain.EventTypeMapping;
import java.time.Instant;
import java.util.List;

/** The Calendly connection, deliveries and dead letters as the API shows them. */
public final class CalendlyViews {

    static final String WEBHOOK_PATH = "/api/webhooks/calendly";

    private CalendlyViews() {
    }

    public record MappingView(String eventTypeUri, String mode, int bufferBeforeMinutes, int bufferAfterMinutes) {
        static MappingView of(EventTypeMapping m) {
            return new MappingView(m.eventTypeUri(), m.mode().value(), m.bufferBeforeMinutes(), m.bufferAfterMinutes());
        }
    }

    /** {@code webhook_path} is where the organisation's Calendly webhook subscription posts (through the gateway). */
    public record ConnectionView(long tutorId, String calendlyUserUri, String defaultMode, List<MappingView> eventTypeMappings,
                                 boolean connected, Instant connectedAt, Instant updatedAt, Instant disconnectedAt,
                                 String webhookPath) {
        static ConnectionView of(Connection c) {
            return new ConnectionView(c.tutorId(), c.settings().userUri(), c.settings().defaultMode().value(),
                    c.settings().mappings().stream().map(MappingView::of).toList(), c.connected(), c.connectedAt(),
                    c.updatedAt(), c.disconnectedAt(), WEBHOOK_PATH);
        }
    }

    /** {@code next_attempt_at} only while the delivery waits for a retry. */
    public record DeliveryView(long id, String event, String inviteeUri, String scheduledEventUri, String eventTypeUri,
                               String calendlyUserUri, Instant startTime, Instant endTime, String status, Long tutorId,
                               int attempts, Instant nextAttemptAt, String lastError, Instant receivedAt, Instant updatedAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.event(), d.inviteeUri(), d.scheduledEventUri(), d.eventTypeUri(), d.userUri(),
                    d.startsAt(), d.endsAt(), d.status(), d.tutorId(), d.attempts(),
                    CalendlyDeliveries.PENDING.equals(d.status()) ? d.nextAttemptAt() : null, d.lastError(), d.receivedAt(),
                    d.updatedAt());
        }
    }

    /** The webhook's answer: {@code handled} false for events Coachwork does not use (acknowledged, ignored). */
    public record WebhookAck(String event, boolean handled, boolean duplicate, DeliveryView delivery) {
    }

    public record DeadLetterPage(List<DeliveryView> deadLetters, Pagination pagination) {
    }
}

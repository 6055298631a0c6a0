package io.coachwork.session.teaching.messaging;

import io.coachwork.contracts.CloudEvent;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.teaching.TeachingCommands;
import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.EventHandler;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.session.teaching.persistence.CommandLog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Booking-saga commands to teaching sessions ({@code coachwork.session.commands}). The platform runs
 * {@link #handle} in one transaction with the inbox row, so a command's effect, its stored reply and
 * the reply in the outbox commit together. Each command applies once per (saga, command type): a
 * resent command (a new event id) is answered with the stored first reply and changes nothing.
 */
@Component
public class TeachingCommandHandler implements EventHandler {

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final int MAX_SAGA_ID = 200;

    private final TeachingBookings bookings;
    private final CommandLog log;
    private final OutboxWriter outbox;
    private final EventCodec codec;
    private final JsonMapper json;
    private final Clock clock;

    public TeachingCommandHandler(TeachingBookings bookings, CommandLog log, OutboxWriter outbox, EventCodec codec,
                                  JsonMapper json, Clock clock) {
        this.bookings = bookings;
        this.log = log;
        this.outbox = outbox;
        this.codec = codec;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "teaching-commands";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SESSION_COMMANDS);
    }

    @Override
    public Mono<Void> handle(CloudEvent event) {
        return switch (event.type()) {
            case EventTypes.ADD_TEACHING_PARTICIPANT -> {
                var c = codec.data(event, TeachingCommands.AddTeachingParticipant.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), now -> bookings.add(c, now));
            }
            case EventTypes.REMOVE_TEACHING_PARTICIPANT -> {
                var c = codec.data(event, TeachingCommands.RemoveTeachingParticipant.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), now -> bookings.remove(c, now));
            }
            case EventTypes.CANCEL_TEACHING_SESSION -> {
                var c = codec.data(event, TeachingCommands.CancelTeachingSession.class);
                yield once(c.sagaId(), event.type(), c.replyTopic(), now -> bookings.cancel(c, now));
            }
            default -> Mono.empty();
        };
    }

    private Mono<Void> once(String sagaId, String commandType, String replyTopic, Function<Instant, Mono<Reply>> apply) {
        if (sagaId == null || sagaId.isBlank() || sagaId.length() > MAX_SAGA_ID || replyTopic == null
                || !TOPIC.matcher(replyTopic).matches()) {
            return Mono.error(new IllegalArgumentException("a teaching command needs a saga_id and a valid reply_topic"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return log.claim(sagaId, commandType, now).flatMap(first -> {
            if (first) {
                return apply.apply(now).flatMap(reply -> {
                    JsonNode data = codec.toTree(reply.data());
                    return log.store(sagaId, commandType, reply.type(), json.writeValueAsString(data))
                            .then(outbox.append(replyTopic, sagaId, reply.type(), data));
                });
            }
            return log.find(sagaId, commandType)
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                            "saga " + sagaId + " has no stored reply for " + commandType)))
                    .flatMap(stored -> outbox.append(replyTopic, sagaId, stored.type(), json.readTree(stored.payload())));
        }).then();
    }
}

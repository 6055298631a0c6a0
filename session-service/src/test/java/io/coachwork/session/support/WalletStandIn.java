package io.coachwork.session.support;

import io.coachwork.contracts.Topics;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.contracts.wallet.WalletReplies;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TopicProbe;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * Plays wallet-service over the real broker, FTGO style: reads the commands session-service sends
 * on {@code coachwork.wallet.commands} and publishes replies on the saga reply topic.
 */
public final class WalletStandIn {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Set<String> ANSWERED_RESERVATIONS = ConcurrentHashMap.newKeySet();
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wallet-stand-in");
        t.setDaemon(true);
        return t;
    });

    private WalletStandIn() {
    }

    /** The first command of {@code type} sent for the tutor that matches, as wallet-service would read it. */
    public static <T> T awaitCommand(String type, Class<T> dataType, long tutorId, Predicate<T> match) {
        ConsumerRecord<String, String> record = TopicProbe.awaitRecord(Topics.WALLET_COMMANDS,
                        r -> Long.toString(tutorId).equals(r.key()) && type.equals(typeOf(r))
                                && match.test(dataOf(r, dataType)), WAIT)
                .orElseThrow(() -> new AssertionError("no " + type + " command for tutor " + tutorId));
        return dataOf(record, dataType);
    }

    /**
     * In the background: waits for the tutor's next ReserveHours not answered yet and answers it
     * with {@code reply}'s outcome. Start it before the create request, which waits for the answer.
     */
    public static CompletableFuture<WalletCommands.ReserveHours> answerNextReserve(
            long tutorId, Function<WalletCommands.ReserveHours, Object> reply) {
        return CompletableFuture.supplyAsync(() -> {
            WalletCommands.ReserveHours command = awaitCommand(EventTypes.RESERVE_HOURS,
                    WalletCommands.ReserveHours.class, tutorId, cmd -> !ANSWERED_RESERVATIONS.contains(cmd.sagaId()));
            ANSWERED_RESERVATIONS.add(command.sagaId());
            Object answer = reply.apply(command);
            send(command.tutorId(), replyType(answer), command.sagaId(), answer);
            return command;
        }, BACKGROUND);
    }

    /**
     * In the background: answers the tutor's next SettleHours for the session (the hold was
     * {@code reservedMinutes}). Start it before the end or cancel request, which waits for the answer.
     */
    public static CompletableFuture<WalletCommands.SettleHours> answerNextSettle(long tutorId, long sessionId,
                                                                                 long reservedMinutes) {
        return CompletableFuture.supplyAsync(() -> {
            WalletCommands.SettleHours command = awaitCommand(EventTypes.SETTLE_HOURS, WalletCommands.SettleHours.class,
                    tutorId, cmd -> cmd.sessionId() == sessionId);
            send(tutorId, EventTypes.HOURS_SETTLED, command.sagaId(), settled(command, reservedMinutes, 600));
            return command;
        }, BACKGROUND);
    }

    /** In the background: answers the tutor's next ReleaseHours for the session, returning {@code minutes}. */
    public static CompletableFuture<WalletCommands.ReleaseHours> answerNextRelease(long tutorId, long sessionId,
                                                                                   long minutes) {
        return CompletableFuture.supplyAsync(() -> {
            WalletCommands.ReleaseHours command = awaitCommand(EventTypes.RELEASE_HOURS,
                    WalletCommands.ReleaseHours.class, tutorId, cmd -> cmd.sessionId() == sessionId);
            send(tutorId, EventTypes.HOURS_RELEASED, command.sagaId(), released(command, minutes, 600));
            return command;
        }, BACKGROUND);
    }

    /** Publishes a reply as a new CloudEvent; returns its event id. */
    public static String reply(long tutorId, String sagaId, Object answer) {
        return send(tutorId, replyType(answer), sagaId, answer);
    }

    /** Publishes a reply with a chosen event id (a redelivery of the very same event). */
    public static void replyAgain(String eventId, long tutorId, String sagaId, Object answer) {
        TopicProbe.send(Topics.SESSION_SAGA_REPLIES, Long.toString(tutorId),
                TestEvents.cloudEvent(eventId, replyType(answer), sagaId, answer));
    }

    public static WalletReplies.HoursReserved reserved(WalletCommands.ReserveHours cmd, long availableAfter) {
        return new WalletReplies.HoursReserved(cmd.sagaId(), cmd.tutorId(), cmd.sessionId(), cmd.minutes(), false,
                availableAfter);
    }

    public static WalletReplies.HoursReservationRefused refused(WalletCommands.ReserveHours cmd, long available) {
        return new WalletReplies.HoursReservationRefused(cmd.sagaId(), cmd.tutorId(), cmd.sessionId(), cmd.minutes(),
                available);
    }

    public static WalletReplies.HoursSettled settled(WalletCommands.SettleHours cmd, long reserved, long availableAfter) {
        return new WalletReplies.HoursSettled(cmd.sagaId(), cmd.tutorId(), cmd.sessionId(), cmd.usedMinutes(),
                reserved - cmd.usedMinutes(), availableAfter);
    }

    public static WalletReplies.HoursReleased released(WalletCommands.ReleaseHours cmd, long releasedMinutes,
                                                       long availableAfter) {
        return new WalletReplies.HoursReleased(cmd.sagaId(), cmd.tutorId(), cmd.sessionId(), releasedMinutes,
                availableAfter);
    }

    private static String send(long tutorId, String type, String sagaId, Object answer) {
        String eventId = UUID.randomUUID().toString();
        TopicProbe.send(Topics.SESSION_SAGA_REPLIES, Long.toString(tutorId),
                TestEvents.cloudEvent(eventId, type, sagaId, answer));
        return eventId;
    }

    private static String replyType(Object answer) {
        if (answer instanceof WalletReplies.HoursReserved) {
            return EventTypes.HOURS_RESERVED;
        }
        if (answer instanceof WalletReplies.HoursReservationRefused) {
            return EventTypes.HOURS_RESERVATION_REFUSED;
        }
        if (answer instanceof WalletReplies.HoursSettled) {
            return EventTypes.HOURS_SETTLED;
        }
        if (answer instanceof WalletReplies.HoursReleased) {
            return EventTypes.HOURS_RELEASED;
        }
        throw new IllegalArgumentException("not a wallet reply: " + answer);
    }

    private static String typeOf(ConsumerRecord<String, String> record) {
        return TestEvents.json().readTree(record.value()).path("type").asString();
    }

    private static <T> T dataOf(ConsumerRecord<String, String> record, Class<T> type) {
        JsonNode data = TestEvents.json().readTree(record.value()).path("data");
        return TestEvents.json().treeToValue(data, type);
    }
}

package io.coachwork.subscription.support;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.wallet.WalletCommands.ChargeSubscription;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionChargeRefused;
import io.coachwork.contracts.wallet.WalletReplies.SubscriptionCharged;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestInfrastructure;
import io.coachwork.platform.test.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Plays wallet-service in the paid-tier saga over the real broker: it reads ChargeSubscription
 * commands and answers them from per-tutor balances (a tutor not funded explicitly can pay
 * anything), or stays silent for tutors whose wallet is "down".
 */
public final class WalletStub {

    private static final WalletStub INSTANCE = new WalletStub();

    private final Map<Long, Long> balances = new ConcurrentHashMap<>();
    private final Set<Long> down = ConcurrentHashMap.newKeySet();
    private final List<ChargeSubscription> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> repliesBySaga = new ConcurrentHashMap<>();

    private WalletStub() {
        Thread loop = new Thread(this::consume, "wallet-stub");
        loop.setDaemon(true);
        loop.start();
    }

    public static WalletStub instance() {
        return INSTANCE;
    }

    public void fund(long tutorId, long minor) {
        balances.put(tutorId, minor);
    }

    public void goDown(long tutorId) {
        down.add(tutorId);
    }

    /** The wallet comes back and answers what it was sent while down. */
    public void comeBack(long tutorId) {
        down.remove(tutorId);
        received.stream().filter(c -> c.tutorId() == tutorId && !repliesBySaga.containsKey(c.sagaId())).forEach(this::answer);
    }

    public List<ChargeSubscription> commandsFor(long tutorId) {
        return received.stream().filter(c -> c.tutorId() == tutorId).toList();
    }

    /** Delivers the first reply of a saga once more, as a redelivery would. */
    public void replyAgain(String sagaId) {
        TopicProbe.send(Topics.SUBSCRIPTION_SAGA_REPLIES, sagaId, repliesBySaga.get(sagaId));
    }

    private void consume() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "wallet-stub-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.WALLET_COMMANDS));
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    JsonNode event = TestEvents.json().readTree(record.value());
                    if (EventTypes.CHARGE_SUBSCRIPTION.equals(event.get("type").asString())) {
                        ChargeSubscription command = TestEvents.json().treeToValue(event.get("data"), ChargeSubscription.class);
                        received.add(command);
                        if (!down.contains(command.tutorId())) {
                            answer(command);
                        }
                    }
                }
            }
        }
    }

    private synchronized void answer(ChargeSubscription command) {
        String reply = repliesBySaga.computeIfAbsent(command.sagaId(), saga -> {
            long balance = balances.getOrDefault(command.tutorId(), Long.MAX_VALUE);
            if (balance < command.amountMinor()) {
                return TestEvents.cloudEvent(EventTypes.SUBSCRIPTION_CHARGE_REFUSED, saga, new SubscriptionChargeRefused(
                        saga, command.tutorId(), command.tier(), command.amountMinor(), balance, command.currency(),
                        "insufficient_funds"));
            }
            if (balances.containsKey(command.tutorId())) {
                balances.put(command.tutorId(), balance - command.amountMinor());
            }
            return TestEvents.cloudEvent(EventTypes.SUBSCRIPTION_CHARGED, saga, new SubscriptionCharged(saga,
                    command.tutorId(), command.tier(), command.amountMinor(), command.currency(), "SUB-" + saga,
                    balances.getOrDefault(command.tutorId(), 0L)));
        });
        TopicProbe.send(command.replyTopic(), command.sagaId(), reply);
    }
}

package io.coachwork.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.sender.KafkaOutbound;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;
import reactor.kafka.sender.SenderResult;
import reactor.kafka.sender.TransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KafkaProducer.send blocks while it waits for a topic's metadata, and the first send creates the
 * producer. The relay's claim answers on an R2DBC event loop, a non-blocking thread that also
 * serves HTTP; neither the send's subscription nor any record may run there.
 */
class OutboxRelaySendThreadTest {

    @Test
    void aBatchClaimedOnANonBlockingThreadIsSentOffItInSeqOrder() {
        RecordingSender sender = new RecordingSender();
        OutboxRelay relay = new OutboxRelay(null, sender, new OutboxProperties(null, null, null), new OutboxWakeup());
        List<OutboxRelay.Pending> batch = new ArrayList<>(List.of(pending(7, "second"), pending(3, "first")));

        Integer sent = Mono.defer(() -> {
                    assertThat(Schedulers.isInNonBlockingThread()).isTrue();
                    return relay.send(batch);
                })
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(10));

        assertThat(sent).isEqualTo(2);
        assertThat(sender.keys).containsExactly("first", "second");
        assertThat(sender.onNonBlockingThread).hasSize(3).containsOnly(false);
    }

    private static OutboxRelay.Pending pending(long seq, String key) {
        return new OutboxRelay.Pending(UUID.randomUUID(), seq, "coachwork.test", key, "{}", null, null);
    }

    /**
     * Notes whether the thread is non-blocking where KafkaProducer would be created (the subscription)
     * and where it would send each record.
     */
    private static final class RecordingSender implements KafkaSender<String, byte[]> {

        final List<Boolean> onNonBlockingThread = new CopyOnWriteArrayList<>();
        final List<String> keys = new CopyOnWriteArrayList<>();

        @Override
        public <T> Flux<SenderResult<T>> send(Publisher<? extends SenderRecord<String, byte[], T>> records) {
            return Flux.defer(() -> {
                onNonBlockingThread.add(Schedulers.isInNonBlockingThread());
                return Flux.from(records).map(record -> {
                    onNonBlockingThread.add(Schedulers.isInNonBlockingThread());
                    keys.add(record.key());
                    return sent(record.correlationMetadata());
                });
            });
        }

        private static <T> SenderResult<T> sent(T correlation) {
            return new SenderResult<>() {
                @Override
                public RecordMetadata recordMetadata() {
                    return null;
                }

                @Override
                public Exception exception() {
                    return null;
                }

                @Override
                public T correlationMetadata() {
                    return correlation;
                }
            };
        }

        @Override
        public <T> Flux<Flux<SenderResult<T>>> sendTransactionally(
                Publisher<? extends Publisher<? extends SenderRecord<String, byte[], T>>> records) {
            throw new UnsupportedOperationException("the relay never sends transactionally");
        }

        @Override
        public TransactionManager transactionManager() {
            throw new UnsupportedOperationException("the relay never sends transactionally");
        }

        @Override
        public KafkaOutbound<String, byte[]> createOutbound() {
            throw new UnsupportedOperationException("the relay sends records, not an outbound");
        }

        @Override
        public <T> Mono<T> doOnProducer(Function<Producer<String, byte[]>, ? extends T> function) {
            throw new UnsupportedOperationException("the relay never reaches the producer");
        }

        @Override
        public void close() {
        }
    }
}

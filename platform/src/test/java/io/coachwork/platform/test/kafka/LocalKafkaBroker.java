package io.coachwork.platform.test.kafka;

import io.coachwork.platform.test.TestInfrastructure;

/**
 * A single-node KRaft broker for the local stack (dev/stack). It listens on a free port and prints
 * {@code KAFKA READY host:port} once ready, then runs until killed; dev/stack reads the address
 * from that line.
 */
public final class LocalKafkaBroker {

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = TestInfrastructure.startLocalBroker();
        System.out.println("KAFKA READY " + bootstrap);
        System.out.flush();
        Thread.currentThread().join();
    }
}

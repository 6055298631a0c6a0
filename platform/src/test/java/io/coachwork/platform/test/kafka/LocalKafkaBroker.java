package io.coachwork.platform.test.kafka;

import io.coachwork.platform.test.TestInfrastructure;

/**
 * A single-node KRaft broker for the local stack (dev/stack) and for sharing one broker across a
 * whole test run: {@code LocalKafkaBroker <port>}. Prints {@code KAFKA READY host:port}, then runs
 * until killed.
 */
public final class LocalKafkaBroker {

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        String bootstrap = TestInfrastructure.startLocalBroker(port);
        System.out.println("KAFKA READY " + bootstrap);
        System.out.flush();
        Thread.currentThread().join();
    }
}

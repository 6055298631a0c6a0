package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.ServiceProcess;
import io.coachwork.platform.test.stripe.LocalStripe;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The real services of the end-to-end tests, each its runnable jar in a child JVM (own database,
 * the run's Kafka broker, the test JWT secret), started once for the whole gateway test run, with
 * the local Stripe stand-in in this JVM.
 */
final class RunningPlatform {

    static final String STRIPE_WEBHOOK_SECRET = "whsec_e2e_local";
    static final String STREAM_SECRET = "e2e-stream-secret-0123456789-abcdefghij";
    static final String AGORA_APP_ID = "e2e0a9e0000000000000000000000000";
    static final String CALENDLY_SIGNING_KEY = "e2e-calendly-signing-key";

    private static RunningPlatform instance;

    final LocalStripe stripe;
    final ServiceProcess subscription;
    final ServiceProcess wallet;
    final ServiceProcess session;
    final ServiceProcess scheduling;
    final ServiceProcess notification;

    private RunningPlatform() {
        stripe = LocalStripe.start(0);
        // Started side by side: most of a service's start-up is waiting on its own JIT and migrations.
        CompletableFuture<ServiceProcess> subscriptionStart = start("subscription-service", Map.of());
        CompletableFuture<ServiceProcess> walletStart = start("wallet-service", Map.of(
                "COACHWORK_STRIPE_API_KEY", "sk_test_e2e",
                "COACHWORK_STRIPE_API_BASE", stripe.baseUrl(),
                "COACHWORK_STRIPE_WEBHOOK_SECRET", STRIPE_WEBHOOK_SECRET));
        CompletableFuture<ServiceProcess> sessionStart = start("session-service", Map.of(
                "STREAM_API_KEY", "e2e-stream-key", "STREAM_API_SECRET", STREAM_SECRET,
                // Teaching sessions booked days ahead may be started now, so the walk need not wait for the clock.
                "COACHWORK_TEACHING_START_LEAD", "30d",
                "AGORA_APP_ID", AGORA_APP_ID, "AGORA_APP_CERTIFICATE", "e2e00000000000000000000000000000"));
        CompletableFuture<ServiceProcess> notificationStart = start("notification-service", Map.of(
                // No mail catcher here: emails are tested in notification-service; here they fail and are logged.
                "SPRING_MAIL_PORT", "1"));
        subscription = subscriptionStart.join();
        wallet = walletStart.join();
        session = sessionStart.join();
        notification = notificationStart.join();
        // Started once the others are up: five JVMs starting at once on a small machine miss the health deadline.
        scheduling = start("scheduling-service", Map.of("COACHWORK_CALENDLY_WEBHOOK_SIGNING_KEY", CALENDLY_SIGNING_KEY))
                .join();
    }

    static synchronized RunningPlatform get() {
        if (instance == null) {
            instance = new RunningPlatform();
        }
        return instance;
    }

    private static CompletableFuture<ServiceProcess> start(String module, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        // One log line per event handled and per event written, so a trace can be followed in the logs
        // (package levels: environment variables are lower-cased, so they cannot name a class).
        all.put("LOGGING_LEVEL_IO_COACHWORK_PLATFORM_MESSAGING", "DEBUG");
        all.put("LOGGING_LEVEL_IO_COACHWORK_PLATFORM_OUTBOX", "DEBUG");
        return CompletableFuture.supplyAsync(() -> ServiceProcess.start(module, all));
    }
}

package io.coachwork.subscription.plan;

import java.time.Instant;
import java.util.UUID;

/** One charge of a paid period to the tutor's wallet, as stored between command and reply. */
public record ChargeSaga(UUID sagaId, long tutorId, String kind, String tierCode, String tutorType, boolean autoRenew,
                         long amountMinor, String currency, String state, String outcome, Instant commandSentAt) {

    public static final String SUBSCRIBE = "subscribe";
    public static final String RENEWAL = "renewal";
    public static final String CHARGING = "charging";
    public static final String COMPLETED = "completed";
    public static final String REFUSED = "refused";
}

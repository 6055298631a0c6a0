package io.coachwork.notification.dispatch;

import io.coachwork.notification.delivery.DeliveryStatus;
import io.coachwork.notification.preference.Preference;
import io.coachwork.notification.push.Presence;

/**
 * Which channels carry a notice to one person. The inbox always gets it (it is the record of what
 * a user was told and where an offline user finds it); email and push follow the person's
 * preference for that kind of notice, and each skip is kept with its reason.
 */
public final class DispatchRules {

    public static final String EMAIL_OFF = "email turned off in the user's notification preferences";
    public static final String NO_ADDRESS = "no email address on file";
    public static final String PUSH_OFF = "push turned off in the user's notification preferences";
    public static final String NOT_CONNECTED = "not connected to any instance; waiting in the inbox";
    public static final String NOT_CONNECTED_HERE =
            "not connected to this instance, other instances not reachable; waiting in the inbox";

    private DispatchRules() {
    }

    /** {@code status} is PENDING (email queued), SENT (pushed) or SKIPPED with a {@code reason}. */
    public record Decision(DeliveryStatus status, String reason) {

        public boolean goesOut() {
            return status != DeliveryStatus.SKIPPED;
        }
    }

    public record Plan(Decision email, Decision push) {
    }

    public static Plan plan(Preference preference, Recipient recipient, Presence presence) {
        Decision email = !preference.email() ? skip(EMAIL_OFF)
                : !recipient.hasEmail() ? skip(NO_ADDRESS)
                : new Decision(DeliveryStatus.PENDING, null);
        Decision push = !preference.push() ? skip(PUSH_OFF)
                : switch (presence) {
                    case CONNECTED -> new Decision(DeliveryStatus.SENT, null);
                    case OFFLINE -> skip(NOT_CONNECTED);
                    case NOT_HERE -> skip(NOT_CONNECTED_HERE);
                };
        return new Plan(email, push);
    }

    private static Decision skip(String reason) {
        return new Decision(DeliveryStatus.SKIPPED, reason);
    }
}

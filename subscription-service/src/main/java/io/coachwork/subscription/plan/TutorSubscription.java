package io.coachwork.subscription.plan;

import java.time.Instant;

/** A tutor's subscription row; {@code id} is null until it is stored. */
public record TutorSubscription(Long id, long tutorId, String tutorType, String tierCode, String status,
                                Instant startDate, Instant endDate, boolean autoRenew, Instant pastDueSince) {

    public static final String ACTIVE = "active";
    public static final String PAST_DUE = "past_due";
    public static final String DEFAULT_TUTOR_TYPE = "sole_tutor";

    public TutorSubscription withId(long newId) {
        return new TutorSubscription(newId, tutorId, tutorType, tierCode, status, startDate, endDate, autoRenew,
                pastDueSince);
    }
}

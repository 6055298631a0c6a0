package io.coachwork.contracts;

/** Every Kafka topic, one per aggregate. Documented for partners in docs/asyncapi.yaml. */
public final class Topics {

    /** Users created or updated by the identity provider (a partner topic Coachwork consumes). */
    public static final String IDENTITY_USERS = "identity.users";
    /** Courses, downloads, communities and memberships created or deleted by the catalogue (partner topic). */
    public static final String CATALOG_RESOURCES = "catalog.resources";
    /** Tutor subscriptions: activated, changed, expired. */
    public static final String SUBSCRIPTIONS = "coachwork.subscriptions";

    /** Dead letters of a topic go to {@code <topic>.dlt}. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}

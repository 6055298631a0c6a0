package io.coachwork.contracts;

/** CloudEvents {@code type} values; the version suffix changes only with an incompatible payload. */
public final class EventTypes {

    public static final String IDENTITY_USER_CREATED = "coachwork.identity.user.created.v1";
    public static final String IDENTITY_USER_UPDATED = "coachwork.identity.user.updated.v1";

    public static final String CATALOG_RESOURCE_CREATED = "coachwork.catalog.resource.created.v1";
    public static final String CATALOG_RESOURCE_DELETED = "coachwork.catalog.resource.deleted.v1";

    public static final String SUBSCRIPTION_ACTIVATED = "coachwork.subscription.activated.v1";
    public static final String SUBSCRIPTION_CHANGED = "coachwork.subscription.changed.v1";
    public static final String SUBSCRIPTION_RENEWED = "coachwork.subscription.renewed.v1";
    public static final String SUBSCRIPTION_EXPIRED = "coachwork.subscription.expired.v1";

    private EventTypes() {
    }
}

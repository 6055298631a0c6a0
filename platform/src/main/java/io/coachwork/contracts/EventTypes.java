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
    /** A paid change answered 202 (pending) that the wallet then refused. */
    public static final String SUBSCRIPTION_CHANGE_REFUSED = "coachwork.subscription.change_refused.v1";
    /** An admin changed a tier; key = tier code. */
    public static final String TIER_UPDATED = "coachwork.subscription.tier_updated.v1";

    // Saga commands to wallet-service and their replies (data: io.coachwork.contracts.wallet.WalletCommands / WalletReplies).
    public static final String RESERVE_HOURS = "coachwork.wallet.command.reserve_hours.v1";
    public static final String SETTLE_HOURS = "coachwork.wallet.command.settle_hours.v1";
    public static final String RELEASE_HOURS = "coachwork.wallet.command.release_hours.v1";
    /** At start: the tutor's plan now decides the hold (see WalletCommands.ConfirmHours). */
    public static final String CONFIRM_HOURS = "coachwork.wallet.command.confirm_hours.v1";
    public static final String CHARGE_SUBSCRIPTION = "coachwork.wallet.command.charge_subscription.v1";
    public static final String HOURS_RESERVED = "coachwork.wallet.reply.hours_reserved.v1";
    public static final String HOURS_RESERVATION_REFUSED = "coachwork.wallet.reply.hours_reservation_refused.v1";
    public static final String HOURS_SETTLED = "coachwork.wallet.reply.hours_settled.v1";
    public static final String HOURS_RELEASED = "coachwork.wallet.reply.hours_released.v1";
    public static final String HOURS_CONFIRMED = "coachwork.wallet.reply.hours_confirmed.v1";
    public static final String HOURS_CONFIRMATION_REFUSED = "coachwork.wallet.reply.hours_confirmation_refused.v1";
    public static final String SUBSCRIPTION_CHARGED = "coachwork.wallet.reply.subscription_charged.v1";
    public static final String SUBSCRIPTION_CHARGE_REFUSED = "coachwork.wallet.reply.subscription_charge_refused.v1";

    // Wallet facts (data: io.coachwork.contracts.wallet.WalletEvents).
    public static final String WALLET_CREDITED = "coachwork.wallet.credited.v1";
    public static final String WALLET_DEBITED = "coachwork.wallet.debited.v1";
    public static final String HOURS_PURCHASED = "coachwork.wallet.hours.purchased.v1";
    public static final String HOURS_BALANCE_LOW = "coachwork.wallet.hours.balance_low.v1";

    // Coaching sessions (data: io.coachwork.contracts.coaching.CoachingSessionEvent and friends).
    public static final String COACHING_SESSION_CREATED = "coachwork.coaching.session.created.v1";
    public static final String COACHING_SESSION_STUDENTS_INVITED = "coachwork.coaching.session.students_invited.v1";
    public static final String COACHING_SESSION_STARTED = "coachwork.coaching.session.started.v1";
    public static final String COACHING_SESSION_TIME_WARNING = "coachwork.coaching.session.time_warning.v1";
    public static final String COACHING_SESSION_ENDED = "coachwork.coaching.session.ended.v1";
    public static final String COACHING_SESSION_CANCELLED = "coachwork.coaching.session.cancelled.v1";
    public static final String COACHING_SETTINGS_UPDATED = "coachwork.coaching.settings.updated.v1";

    // Scheduling (data: io.coachwork.contracts.scheduling.*).
    public static final String TUTOR_PROFILE_APPROVED = "coachwork.scheduling.profile.approved.v1";
    public static final String TUTOR_PROFILE_REJECTED = "coachwork.scheduling.profile.rejected.v1";
    public static final String SLOT_CREATED = "coachwork.scheduling.slot.created.v1";
    public static final String SLOT_UPDATED = "coachwork.scheduling.slot.updated.v1";
    public static final String SLOT_DELETED = "coachwork.scheduling.slot.deleted.v1";
    public static final String SCHEDULE_CHANGED = "coachwork.scheduling.schedule.changed.v1";

    private EventTypes() {
    }
}

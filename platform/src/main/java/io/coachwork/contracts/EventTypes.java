package io.coachwork.contracts;

/** CloudEvents {@code type} values; the version suffix changes only with an incompatible payload. */
public final class EventTypes {

    public static final String IDENTITY_USER_CREATED = "coachwork.identity.user.created.v1";
    public static final String IDENTITY_USER_UPDATED = "coachwork.identity.user.updated.v1";
    /** An admin granted or revoked a role (data: io.coachwork.contracts.identity.UserRolesChanged); key = user id. */
    public static final String IDENTITY_USER_ROLES_CHANGED = "coachwork.identity.user.roles_changed.v1";

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
    /** A paid tier period was charged and invoiced (published by wallet-service on coachwork.wallet.events). */
    public static final String SUBSCRIPTION_INVOICE_CREATED = "coachwork.subscription.invoice.created.v1";

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
    public static final String REVIEW_PUBLISHED = "coachwork.scheduling.review.published.v1";
    public static final String REVIEW_HIDDEN = "coachwork.scheduling.review.hidden.v1";
    public static final String REVIEW_UNHIDDEN = "coachwork.scheduling.review.unhidden.v1";
    public static final String REVIEW_REQUESTED = "coachwork.scheduling.review.requested.v1";
    /** An earnings statement (or a new version of one) was made (data: StatementCreated). */
    public static final String STATEMENT_CREATED = "coachwork.scheduling.statement.created.v1";

    // Booking payments: commands from scheduling's booking sagas to wallet-service and their replies
    // (data: io.coachwork.contracts.payment.PaymentCommands / PaymentReplies).
    public static final String CREATE_BOOKING_PAYMENT = "coachwork.wallet.command.create_booking_payment.v1";
    public static final String CANCEL_BOOKING_PAYMENT = "coachwork.wallet.command.cancel_booking_payment.v1";
    public static final String REFUND_BOOKING_PAYMENT = "coachwork.wallet.command.refund_booking_payment.v1";
    public static final String BOOKING_PAYMENT_CREATED = "coachwork.wallet.reply.booking_payment_created.v1";
    public static final String BOOKING_PAYMENT_REFUSED = "coachwork.wallet.reply.booking_payment_refused.v1";
    public static final String BOOKING_PAYMENT_SUCCEEDED = "coachwork.wallet.reply.booking_payment_succeeded.v1";
    public static final String BOOKING_PAYMENT_FAILED = "coachwork.wallet.reply.booking_payment_failed.v1";
    public static final String BOOKING_PAYMENT_CANCELLED = "coachwork.wallet.reply.booking_payment_cancelled.v1";
    public static final String BOOKING_REFUND_REQUESTED = "coachwork.wallet.reply.booking_refund_requested.v1";
    public static final String BOOKING_PAYMENT_REFUNDED = "coachwork.wallet.reply.booking_payment_refunded.v1";

    // Payment facts for partners and notifications (data: io.coachwork.contracts.payment.PaymentEvent, TutorEarning).
    public static final String PAYMENT_CREATED = "coachwork.payment.created.v1";
    public static final String PAYMENT_SUCCEEDED = "coachwork.payment.succeeded.v1";
    public static final String PAYMENT_FAILED = "coachwork.payment.failed.v1";
    public static final String PAYMENT_CANCELLED = "coachwork.payment.cancelled.v1";
    public static final String PAYMENT_REFUND_REQUESTED = "coachwork.payment.refund_requested.v1";
    public static final String PAYMENT_REFUNDED = "coachwork.payment.refunded.v1";
    public static final String TUTOR_EARNING = "coachwork.payment.tutor_earning.v1";

    // Session packages: credit commands from booking sagas to wallet-service, their replies
    // (data: io.coachwork.contracts.payment.PackageCommands / PackageReplies) and purchase facts (PackageEvent).
    public static final String CONSUME_PACKAGE_CREDIT = "coachwork.wallet.command.consume_package_credit.v1";
    public static final String RETURN_PACKAGE_CREDIT = "coachwork.wallet.command.return_package_credit.v1";
    public static final String PACKAGE_CREDIT_CONSUMED = "coachwork.wallet.reply.package_credit_consumed.v1";
    public static final String PACKAGE_CREDIT_REFUSED = "coachwork.wallet.reply.package_credit_refused.v1";
    public static final String PACKAGE_CREDIT_RETURNED = "coachwork.wallet.reply.package_credit_returned.v1";
    public static final String PACKAGE_PURCHASED = "coachwork.payment.package.purchased.v1";
    public static final String PACKAGE_CREDIT_USED = "coachwork.payment.package.credit_used.v1";
    public static final String PACKAGE_CREDIT_GIVEN_BACK = "coachwork.payment.package.credit_returned.v1";
    public static final String PACKAGE_EXPIRED = "coachwork.payment.package.expired.v1";
    public static final String PACKAGE_REFUNDED = "coachwork.payment.package.refunded.v1";

    // Teaching-session commands from booking sagas to session-service and their replies
    // (data: io.coachwork.contracts.teaching.TeachingCommands / TeachingReplies).
    public static final String ADD_TEACHING_PARTICIPANT = "coachwork.session.command.add_teaching_participant.v1";
    public static final String REMOVE_TEACHING_PARTICIPANT = "coachwork.session.command.remove_teaching_participant.v1";
    public static final String CANCEL_TEACHING_SESSION = "coachwork.session.command.cancel_teaching_session.v1";
    public static final String TEACHING_PARTICIPANT_ADDED = "coachwork.session.reply.teaching_participant_added.v1";
    public static final String TEACHING_PARTICIPANT_REFUSED = "coachwork.session.reply.teaching_participant_refused.v1";
    public static final String TEACHING_PARTICIPANT_REMOVED = "coachwork.session.reply.teaching_participant_removed.v1";
    public static final String TEACHING_SESSION_CANCEL_DONE = "coachwork.session.reply.teaching_session_cancelled.v1";
    public static final String TEACHING_CANCEL_REFUSED = "coachwork.session.reply.teaching_cancel_refused.v1";

    // Teaching sessions (data: io.coachwork.contracts.teaching.TeachingSessionEvent).
    public static final String TEACHING_SESSION_SCHEDULED = "coachwork.teaching.session.scheduled.v1";
    public static final String TEACHING_PARTICIPANT_JOINED = "coachwork.teaching.session.participant_added.v1";
    public static final String TEACHING_PARTICIPANT_LEFT = "coachwork.teaching.session.participant_removed.v1";
    public static final String TEACHING_SESSION_STARTING = "coachwork.teaching.session.starting.v1";
    public static final String TEACHING_SESSION_STARTED = "coachwork.teaching.session.started.v1";
    public static final String TEACHING_SESSION_COMPLETED = "coachwork.teaching.session.completed.v1";
    public static final String TEACHING_SESSION_CANCELLED = "coachwork.teaching.session.cancelled.v1";
    public static final String TEACHING_SESSION_NO_SHOW = "coachwork.teaching.session.no_show.v1";
    public static final String TEACHING_SESSION_MESSAGE = "coachwork.teaching.session.message.v1";
    public static final String TEACHING_SESSION_FILE = "coachwork.teaching.session.file.v1";

    // Linked Discord accounts (data: io.coachwork.contracts.teaching.DiscordLinkChanged).
    public static final String DISCORD_LINKED = "coachwork.teaching.discord.linked.v1";
    public static final String DISCORD_UNLINKED = "coachwork.teaching.discord.unlinked.v1";

    // Bookings (data: io.coachwork.contracts.booking.BookingEvent, WaitlistOffer).
    public static final String BOOKING_HELD = "coachwork.booking.held.v1";
    public static final String BOOKING_CONFIRMED = "coachwork.booking.confirmed.v1";
    public static final String BOOKING_CANCELLED = "coachwork.booking.cancelled.v1";
    public static final String BOOKING_EXPIRED = "coachwork.booking.expired.v1";
    public static final String BOOKING_PAYMENT_FAILED_EVENT = "coachwork.booking.payment_failed.v1";
    public static final String BOOKING_REFUSED = "coachwork.booking.refused.v1";
    public static final String BOOKING_REFUNDED = "coachwork.booking.refunded.v1";
    public static final String BOOKING_WAITLIST_OFFERED = "coachwork.booking.waitlist_offered.v1";

    private EventTypes() {
    }
}

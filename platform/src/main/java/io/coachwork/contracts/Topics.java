package io.coachwork.contracts;

/** Every Kafka topic, one per aggregate. Documented for partners in docs/asyncapi.yaml. */
public final class Topics {

    /** Users created or updated by the identity provider (a partner topic Coachwork consumes). */
    public static final String IDENTITY_USERS = "identity.users";
    /** Courses, downloads, communities and memberships created or deleted by the catalogue (partner topic). */
    public static final String CATALOG_RESOURCES = "catalog.resources";
    /** Tutor subscriptions: activated, changed, expired. */
    public static final String SUBSCRIPTIONS = "coachwork.subscriptions";

    /** Commands to wallet-service from saga orchestrators (key = tutor id, so one tutor's holds apply in order). */
    public static final String WALLET_COMMANDS = "coachwork.wallet.commands";
    /** Replies to session-service's coaching-session sagas. */
    public static final String SESSION_SAGA_REPLIES = "coachwork.session.saga-replies";
    /** Replies to subscription-service's paid-tier sagas. */
    public static final String SUBSCRIPTION_SAGA_REPLIES = "coachwork.subscription.saga-replies";
    /** Wallet facts for partners and notifications: credits, debits, hour purchases, holds. Key = tutor id. */
    public static final String WALLET_EVENTS = "coachwork.wallet.events";
    /** Coaching sessions: created, invited, started, warnings, ended, cancelled. Key = session id. */
    public static final String COACHING_SESSIONS = "coachwork.coaching.sessions";
    /** Admin coaching settings (price per hour and currency reach wallet-service this way). Key = "settings". */
    public static final String COACHING_SETTINGS = "coachwork.coaching.settings";

    /** Tutor profiles: application approved or rejected (scheduling-service). Key = tutor id. */
    public static final String SCHEDULING_PROFILES = "coachwork.scheduling.profiles";
    /** Seed 002 specific-date slots: created, updated, deleted. Key = tutor id. */
    public static final String SCHEDULING_SLOTS = "coachwork.scheduling.slots";
    /** Weekly availability: schedules, blocks, overrides, holidays changed. Key = tutor id. */
    public static final String SCHEDULING_SCHEDULES = "coachwork.scheduling.schedules";

    /** Commands to session-service from booking sagas (key = teaching session id). */
    public static final String SESSION_COMMANDS = "coachwork.session.commands";
    /** Replies to scheduling-service's booking sagas (from wallet-service and session-service). */
    public static final String SCHEDULING_SAGA_REPLIES = "coachwork.scheduling.saga-replies";
    /** Bookings: held, confirmed, cancelled, expired, refused, waitlist offers. Key = booking id. */
    public static final String BOOKINGS = "coachwork.bookings";
    /** Booking payments and tutor earnings (wallet-service). Key = booking id. */
    public static final String PAYMENTS = "coachwork.payments";
    /** Teaching sessions (seed 002): scheduled, participants, started, completed, cancelled, no-show, messages, files. Key = session id. */
    public static final String TEACHING_SESSIONS = "coachwork.teaching.sessions";
    /** Users' accounts linked in session-service (seed 003 Discord): linked, unlinked. Key = user id. */
    public static final String SESSION_ACCOUNTS = "coachwork.session.accounts";

    /** Dead letters of a topic go to {@code <topic>.dlt}. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}

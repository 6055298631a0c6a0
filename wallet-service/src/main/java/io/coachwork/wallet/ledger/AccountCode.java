package io.coachwork.wallet.ledger;

/**
 * The ledger's accounts. Tutor accounts exist once per tutor and may never go below zero; platform
 * accounts are the other side of every movement and carry any sign (a top-up leaves
 * {@code stripe_clearing} negative by what Stripe owes the platform, for instance).
 */
public enum AccountCode {
    /** A tutor's money. */
    WALLET(true, true),
    /** Minutes a tutor can reserve for sessions. */
    HOURS_AVAILABLE(true, false),
    /** Minutes reserved for sessions that have not ended. */
    HOURS_HELD(true, false),
    /** Money collected by card, owed by Stripe until payout. */
    STRIPE_CLEARING(false, true),
    /** Money tutors paid for coaching hours. */
    HOURS_SALES(false, true),
    /** Money tutors paid for paid tiers. */
    SUBSCRIPTION_SALES(false, true),
    /** Money credited or debited by admins. */
    ADJUSTMENTS(false, true),
    /** Minutes sold to tutors (the source of every purchased minute). */
    HOURS_ISSUED(false, false),
    /** Minutes used by sessions that ended. */
    HOURS_CONSUMED(false, false),
    /** Students' booking payments held until the session completes or they are refunded (per currency). */
    BOOKING_ESCROW(false, true),
    /** The platform's commission on released booking payments (per currency). */
    PLATFORM_COMMISSION(false, true),
    /** A tutor's earnings from completed bookings, less commission (one account per currency). */
    EARNINGS(true, true),
    /** Students' package payments held until each credit's session completes, expires or is refunded (per currency). */
    PACKAGE_ESCROW(false, true),
    /** The share of package prices whose credits expired unused (per currency). */
    PACKAGE_FORFEITS(false, true);

    private final boolean tutorOwned;
    private final boolean money;

    AccountCode(boolean tutorOwned, boolean money) {
        this.tutorOwned = tutorOwned;
        this.money = money;
    }

    public boolean tutorOwned() {
        return tutorOwned;
    }

    public boolean money() {
        return money;
    }

    /** The name stored in the database. */
    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AccountCode fromDb(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}

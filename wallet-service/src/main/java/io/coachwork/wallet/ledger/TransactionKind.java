package io.coachwork.wallet.ledger;

import java.util.Locale;

/** What a ledger transaction records; clients see the lower-case name as a transaction's {@code type}. */
public enum TransactionKind {
    TOP_UP,
    HOURS_PURCHASE,
    SUBSCRIPTION,
    ADJUSTMENT,
    HOURS_RESERVE,
    HOURS_SETTLE,
    HOURS_RELEASE,
    BOOKING_PAYMENT,
    BOOKING_REFUND,
    BOOKING_RELEASE,
    PACKAGE_PAYMENT,
    PACKAGE_RELEASE,
    PACKAGE_EXPIRY,
    PACKAGE_REFUND;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

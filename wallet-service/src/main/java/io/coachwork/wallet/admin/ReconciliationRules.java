package io.coachwork.wallet.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * What must hold between a tutor's hour accounts and the hour records, free of any framework:
 * every minute available was bought and is neither consumed nor held
 * ({@code purchased − consumed − held = available}), and the held account equals the minutes of
 * the holds still open.
 */
public final class ReconciliationRules {

    public static final String ACCOUNT_BALANCE = "account_balance";
    public static final String TRANSACTION_BALANCE = "transaction_balance";
    public static final String HOURS_IDENTITY = "hours_identity";
    public static final String HELD_VS_HOLDS = "held_vs_open_holds";
    /** A currency's booking escrow (sum of its entries) against what the booking payments say it holds. */
    public static final String BOOKING_ESCROW = "booking_escrow";
    /** A currency's package escrow against what the package purchases say it holds (paid, not yet released, forfeited or refunded). */
    public static final String PACKAGE_ESCROW = "package_escrow";
    /** One booking's ledger movements (escrow, commission, earnings) against its payment record. */
    public static final String BOOKING_PAYMENT = "booking_payment";

    private ReconciliationRules() {
    }

    /** One thing that does not add up; amounts in the unit's smallest part (minor units or minutes). */
    public record Discrepancy(String check, String subject, long expected, long actual, String unit) {
    }

    /** A tutor's minutes as the ledger and the hour records see them. */
    public record TutorMinutes(long tutorId, long purchased, long consumed, long held, long available, long openHolds) {
    }

    public static List<Discrepancy> check(TutorMinutes m) {
        List<Discrepancy> found = new ArrayList<>();
        long expectedAvailable = m.purchased() - m.consumed() - m.held();
        if (expectedAvailable != m.available()) {
            found.add(new Discrepancy(HOURS_IDENTITY, "tutor " + m.tutorId() + ": purchased " + m.purchased()
                    + " - consumed " + m.consumed() + " - held " + m.held() + " != available", expectedAvailable,
                    m.available(), "MIN"));
        }
        if (m.openHolds() != m.held()) {
            found.add(new Discrepancy(HELD_VS_HOLDS, "tutor " + m.tutorId() + ": open holds vs hours_held",
                    m.openHolds(), m.held(), "MIN"));
        }
        return found;
    }
}

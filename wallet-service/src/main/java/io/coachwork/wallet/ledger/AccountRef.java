package io.coachwork.wallet.ledger;

/**
 * Names an account: its code, its tutor ({@code null} for platform accounts) and its unit (an ISO
 * currency for money, {@link Units#MINUTES} for hours).
 */
public record AccountRef(AccountCode code, Long tutorId, String unit) {

    public AccountRef {
        if (code.tutorOwned() != (tutorId != null)) {
            throw new IllegalArgumentException(code + (code.tutorOwned() ? " needs a tutor" : " belongs to the platform"));
        }
        if (code.money() == Units.MINUTES.equals(unit)) {
            throw new IllegalArgumentException(code + " cannot hold " + unit);
        }
    }

    public static AccountRef wallet(long tutorId, String currency) {
        return new AccountRef(AccountCode.WALLET, tutorId, currency);
    }

    public static AccountRef hoursAvailable(long tutorId) {
        return new AccountRef(AccountCode.HOURS_AVAILABLE, tutorId, Units.MINUTES);
    }

    public static AccountRef hoursHeld(long tutorId) {
        return new AccountRef(AccountCode.HOURS_HELD, tutorId, Units.MINUTES);
    }

    public static AccountRef platform(AccountCode code, String unit) {
        return new AccountRef(code, null, unit);
    }

    public static AccountRef platformMinutes(AccountCode code) {
        return new AccountRef(code, null, Units.MINUTES);
    }

    public boolean tutorOwned() {
        return tutorId != null;
    }
}

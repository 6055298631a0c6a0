package io.coachwork.wallet.ledger;

/** A posting would take a tutor account below zero; nothing was written. */
public class InsufficientBalance extends RuntimeException {

    private final AccountRef account;
    private final long required;
    private final long available;

    public InsufficientBalance(AccountRef account, long required, long available) {
        super(account.code().dbName() + " of tutor " + account.tutorId() + " has " + available + " " + account.unit()
                + ", " + required + " required", null, false, false);
        this.account = account;
        this.required = required;
        this.available = available;
    }

    public AccountRef account() {
        return account;
    }

    /** How much the posting takes out. */
    public long required() {
        return required;
    }

    /** The balance before it. */
    public long available() {
        return available;
    }
}

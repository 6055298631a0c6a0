package io.coachwork.wallet.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A balanced set of postings, checked before anything is written: per unit the postings sum to
 * zero, no posting is zero, at least two accounts move, and every tutor account belongs to the
 * transaction's tutor. Built from moves ({@code from} loses what {@code to} gains), so a
 * transaction balances by construction; {@link #of} checks arbitrary postings the same way.
 */
public final class LedgerTransaction {

    /** A signed change of one account: positive adds to its balance. */
    public record Posting(AccountRef account, long amount) {
    }

    private final TransactionKind kind;
    private final Long tutorId;
    private final String reference;
    private final String description;
    private final List<Posting> postings;

    private LedgerTransaction(TransactionKind kind, Long tutorId, String reference, String description,
                              List<Posting> postings) {
        this.kind = kind;
        this.tutorId = tutorId;
        this.reference = reference;
        this.description = description;
        this.postings = postings;
    }

    public static Builder builder(TransactionKind kind, Long tutorId, String reference, String description) {
        return new Builder(kind, tutorId, reference, description);
    }

    /** Merges postings per account and checks the rules; throws {@link IllegalArgumentException} when one fails. */
    public static LedgerTransaction of(TransactionKind kind, Long tutorId, String reference, String description,
                                       List<Posting> postings) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        Map<AccountRef, Long> merged = new LinkedHashMap<>();
        for (Posting p : postings) {
            if (p.account().tutorOwned() && !p.account().tutorId().equals(tutorId)) {
                throw new IllegalArgumentException("account " + p.account() + " is not the transaction's tutor's (" + tutorId + ")");
            }
            merged.merge(p.account(), p.amount(), Math::addExact);
        }
        List<Posting> result = new ArrayList<>();
        Map<String, Long> perUnit = new HashMap<>();
        merged.forEach((account, amount) -> {
            if (amount != 0) {
                result.add(new Posting(account, amount));
                perUnit.merge(account.unit(), amount, Math::addExact);
            }
        });
        if (result.size() < 2) {
            throw new IllegalArgumentException("a transaction moves something between at least two accounts");
        }
        perUnit.forEach((unit, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("postings in " + unit + " sum to " + sum + ", not zero");
            }
        });
        return new LedgerTransaction(kind, tutorId, reference, description, List.copyOf(result));
    }

    /**
     * The balances after this transaction, given the balances before it (missing accounts are at
     * zero). Throws {@link InsufficientBalance} when a tutor account would go below zero.
     */
    public Map<AccountRef, Long> balancesAfter(Map<AccountRef, Long> before) {
        Map<AccountRef, Long> after = new LinkedHashMap<>();
        for (Posting p : postings) {
            long current = before.getOrDefault(p.account(), 0L);
            long next = Math.addExact(current, p.amount());
            if (p.account().tutorOwned() && next < 0) {
                throw new InsufficientBalance(p.account(), -p.amount(), current);
            }
            after.put(p.account(), next);
        }
        return after;
    }

    public TransactionKind kind() {
        return kind;
    }

    public Long tutorId() {
        return tutorId;
    }

    public String reference() {
        return reference;
    }

    public String description() {
        return description;
    }

    public List<Posting> postings() {
        return postings;
    }

    public List<AccountRef> accounts() {
        return postings.stream().map(Posting::account).toList();
    }

    public static final class Builder {

        private final TransactionKind kind;
        private final Long tutorId;
        private final String reference;
        private final String description;
        private final List<Posting> postings = new ArrayList<>();

        private Builder(TransactionKind kind, Long tutorId, String reference, String description) {
            this.kind = kind;
            this.tutorId = tutorId;
            this.reference = reference;
            this.description = description;
        }

        /** {@code amount} leaves {@code from} and arrives in {@code to}; a zero amount moves nothing. */
        public Builder move(AccountRef from, AccountRef to, long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("a move takes a positive amount, not " + amount);
            }
            if (!from.unit().equals(to.unit())) {
                throw new IllegalArgumentException("cannot move " + from.unit() + " into " + to.unit());
            }
            if (amount > 0) {
                postings.add(new Posting(from, Math.negateExact(amount)));
                postings.add(new Posting(to, amount));
            }
            return this;
        }

        public LedgerTransaction build() {
            return LedgerTransaction.of(kind, tutorId, reference, description, postings);
        }
    }
}

package io.coachwork.wallet.ledger;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes ledger transactions. Call {@link #post} inside the caller's database transaction, with
 * the business rows it belongs to: it locks the tutor accounts it touches in id order (so two
 * transactions never wait on each other crosswise), checks their balances under those locks,
 * then writes the transaction, the tutors' new cached balances and the entries in one statement.
 * Its UPDATE repeats the no-overdraft rule as a guard, and the table's CHECK constraint a third time.
 *
 * <p>Platform accounts are the other side of every purchase by every tutor, so a locked balance
 * update there would queue all purchases behind one row. They are append-only instead: their
 * entries are written without a lock or a cached balance, and their balance is the sum of their
 * entries (reconciliation checks that every transaction nets to zero per unit).
 */
@Component
public class Ledger {

    private final DatabaseClient db;
    private final Clock clock;

    public Ledger(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A written transaction and the balances it left in the tutor accounts (platform accounts cache none). */
    public record Posted(long transactionId, Map<AccountRef, Long> balances) {

        public long balance(AccountRef account) {
            Long balance = balances.get(account);
            if (balance == null) {
                throw new IllegalArgumentException(account + " is not part of transaction " + transactionId);
            }
            return balance;
        }
    }

    /** An account's cached balance and when it last changed. */
    public record Balance(long balance, Instant updatedAt) {
    }

    private record Locked(long id, AccountRef account, long balance) {
    }

    private record Written(long transactionId, long updated) {
    }

    /** Writes {@code tx}; fails with {@link InsufficientBalance} (nothing written) when a tutor account would go negative. */
    public Mono<Posted> post(LedgerTransaction tx) {
        Instant now = clock.instant();
        return lock(tx, now).flatMap(locked -> {
            Map<AccountRef, Long> before = new LinkedHashMap<>();
            locked.values().forEach(l -> before.put(l.account(), l.balance()));
            Map<AccountRef, Long> after = tx.balancesAfter(before);
            return write(tx, locked, after, now).map(id -> new Posted(id, tutorBalances(after)));
        });
    }

    /** The cached balance of an account; empty when it was never used. */
    public Mono<Balance> balance(AccountRef account) {
        String sql = "SELECT balance, updated_at FROM account WHERE code = :code AND unit = :unit AND "
                + (account.tutorOwned() ? "owner_id = :owner" : "owner_id IS NULL");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("code", account.code().dbName()).bind("unit", account.unit());
        if (account.tutorOwned()) {
            spec = spec.bind("owner", account.tutorId());
        }
        return spec.map((row, meta) -> new Balance(row.get("balance", Long.class),
                row.get("updated_at", OffsetDateTime.class).toInstant())).one();
    }

    private Mono<Map<AccountRef, Locked>> lock(LedgerTransaction tx, Instant now) {
        List<AccountRef> accounts = tx.accounts();
        return selectForUpdate(tx).flatMap(found -> found.keySet().containsAll(accounts) ? Mono.just(found)
                : create(tx, now).then(selectForUpdate(tx)));
    }

    /** Locks the tutor's accounts (id order) and reads the platform accounts' ids, which nobody locks. */
    private Mono<Map<AccountRef, Locked>> selectForUpdate(LedgerTransaction tx) {
        List<AccountRef> accounts = tx.accounts();
        String[] tutorCodes = accounts.stream().filter(AccountRef::tutorOwned).map(a -> a.code().dbName()).toArray(String[]::new);
        String[] platformCodes = accounts.stream().filter(a -> !a.tutorOwned()).map(a -> a.code().dbName()).toArray(String[]::new);
        String[] units = accounts.stream().map(AccountRef::unit).distinct().toArray(String[]::new);
        return db.sql("""
                        WITH tutor AS (SELECT id, owner_id, code, unit, balance FROM account
                                       WHERE owner_id = :tutor AND code = ANY(:tutorCodes) AND unit = ANY(:units)
                                       ORDER BY id FOR UPDATE)
                        SELECT * FROM tutor
                        UNION ALL
                        SELECT id, owner_id, code, unit, balance FROM account
                        WHERE owner_id IS NULL AND code = ANY(:platformCodes) AND unit = ANY(:units)""")
                .bind("tutor", Parameter.fromOrEmpty(tx.tutorId(), Long.class))
                .bind("tutorCodes", tutorCodes)
                .bind("platformCodes", platformCodes)
                .bind("units", units)
                .map((row, meta) -> toLocked(row))
                .all()
                .filter(l -> accounts.contains(l.account()))
                .collectMap(Locked::account, l -> l, LinkedHashMap::new);
    }

    private Mono<Void> create(LedgerTransaction tx, Instant now) {
        List<AccountRef> tutorAccounts = tx.accounts().stream().filter(AccountRef::tutorOwned).toList();
        List<AccountRef> platformAccounts = tx.accounts().stream().filter(a -> !a.tutorOwned()).toList();
        Mono<Void> tutor = tutorAccounts.isEmpty() ? Mono.empty() : db.sql("""
                        INSERT INTO account (owner_id, code, unit, created_at, updated_at)
                        SELECT :tutor, c, u, :now, :now FROM unnest(:codes::text[], :units::text[]) AS t(c, u)
                        ON CONFLICT (owner_id, code, unit) WHERE owner_id IS NOT NULL DO NOTHING""")
                .bind("tutor", tx.tutorId())
                .bind("codes", tutorAccounts.stream().map(a -> a.code().dbName()).toArray(String[]::new))
                .bind("units", tutorAccounts.stream().map(AccountRef::unit).toArray(String[]::new))
                .bind("now", utc(now))
                .fetch().rowsUpdated().then();
        Mono<Void> platform = platformAccounts.isEmpty() ? Mono.empty() : db.sql("""
                        INSERT INTO account (owner_id, code, unit, created_at, updated_at)
                        SELECT NULL, c, u, :now, :now FROM unnest(:codes::text[], :units::text[]) AS t(c, u)
                        ON CONFLICT (code, unit) WHERE owner_id IS NULL DO NOTHING""")
                .bind("codes", platformAccounts.stream().map(a -> a.code().dbName()).toArray(String[]::new))
                .bind("units", platformAccounts.stream().map(AccountRef::unit).toArray(String[]::new))
                .bind("now", utc(now))
                .fetch().rowsUpdated().then();
        return platform.then(tutor);
    }

    /**
     * One round trip. Its parts share one snapshot, so none reads another's writes: the entries
     * take the transaction id from {@code t}'s RETURNING and the foreign keys are checked when the
     * statement ends. A guard refusal has written the rest, so it fails and the caller's transaction
     * rolls it all back.
     */
    private Mono<Long> write(LedgerTransaction tx, Map<AccountRef, Locked> locked, Map<AccountRef, Long> after,
                             Instant now) {
        List<LedgerTransaction.Posting> postings = tx.postings();
        Long[] ids = postings.stream().map(p -> locked.get(p.account()).id()).toArray(Long[]::new);
        Long[] amounts = postings.stream().map(LedgerTransaction.Posting::amount).toArray(Long[]::new);
        Long[] balances = postings.stream().map(p -> after.get(p.account())).toArray(Long[]::new);
        Boolean[] cached = postings.stream().map(p -> p.account().tutorOwned()).toArray(Boolean[]::new);
        long tutorPostings = postings.stream().filter(p -> p.account().tutorOwned()).count();
        // ORDER BY n: entry ids follow the posting order.
        return db.sql("""
                        WITH t AS (INSERT INTO ledger_transaction (kind, tutor_id, reference, description, created_at)
                                   VALUES (:kind, :tutor, :ref, :description, :now) RETURNING id),
                             p AS (SELECT * FROM unnest(:ids::bigint[], :amounts::bigint[], :balances::bigint[],
                                                        :cached::boolean[])
                                   WITH ORDINALITY AS p(account_id, amount, balance_after, cached, n)),
                             b AS (UPDATE account a SET balance = a.balance + p.amount, updated_at = :now FROM p
                                   WHERE a.id = p.account_id AND p.cached AND a.balance + p.amount >= 0
                                   RETURNING a.id),
                             e AS (INSERT INTO ledger_entry (transaction_id, account_id, amount, balance_after)
                                   SELECT t.id, p.account_id, p.amount, CASE WHEN p.cached THEN p.balance_after END
                                   FROM t, p ORDER BY p.n)
                        SELECT t.id, (SELECT count(*) FROM b) AS updated FROM t""")
                .bind("kind", tx.kind().dbName())
                .bind("tutor", Parameter.fromOrEmpty(tx.tutorId(), Long.class))
                .bind("ref", tx.reference())
                .bind("description", tx.description() == null ? "" : tx.description())
                .bind("now", utc(now))
                .bind("ids", ids).bind("amounts", amounts).bind("balances", balances).bind("cached", cached)
                .map((row, meta) -> new Written(row.get("id", Long.class), row.get("updated", Long.class)))
                .one()
                .flatMap(w -> w.updated() == tutorPostings ? Mono.just(w.transactionId())
                        : Mono.error(new IllegalStateException("ledger guard refused a checked posting in transaction "
                        + w.transactionId())));
    }

    private static Map<AccountRef, Long> tutorBalances(Map<AccountRef, Long> after) {
        Map<AccountRef, Long> tutor = new LinkedHashMap<>();
        after.forEach((account, balance) -> {
            if (account.tutorOwned()) {
                tutor.put(account, balance);
            }
        });
        return tutor;
    }

    private static Locked toLocked(Readable row) {
        Long owner = row.get("owner_id", Long.class);
        String unit = row.get("unit", String.class);
        AccountRef account = new AccountRef(AccountCode.fromDb(row.get("code", String.class)), owner, unit);
        return new Locked(row.get("id", Long.class), account, row.get("balance", Long.class));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.coachwork.wallet.packages.domain;

/**
 * How a package's price divides between its credits, to the minor unit. The k-th credit to settle
 * (released to the tutor or forfeited at expiry, k from 0) is worth
 * {@code floor(price·(k+1)/n) − floor(price·k/n)}: every credit is worth {@code floor(price/n)} or one
 * minor unit more, and the n credits add up to the price exactly, whatever the order they settle in.
 */
public final class CreditShares {

    private CreditShares() {
    }

    /** What the {@code count} credits after the first {@code settled} are worth together. */
    public static long of(long priceMinor, int sessionCount, int settled, int count) {
        if (priceMinor < 0 || sessionCount < 1 || settled < 0 || count < 0 || settled + count > sessionCount) {
            throw new IllegalArgumentException("credits " + settled + "+" + count + " of " + sessionCount
                    + " at " + priceMinor);
        }
        return upTo(priceMinor, sessionCount, settled + count) - upTo(priceMinor, sessionCount, settled);
    }

    private static long upTo(long priceMinor, int sessionCount, int credits) {
        return Math.floorDiv(Math.multiplyExact(priceMinor, (long) credits), sessionCount);
    }
}

package io.coachwork.gateway.ratelimit;

/**
 * One caller's token bucket as this gateway instance sees it: refilled at {@code ratePerSecond} up to
 * {@code capacity}, one token per request. Requests are decided here, without a round trip; the tokens
 * taken since the last synchronisation are handed to the shared bucket in Redis ({@link #takeUnsynced()}),
 * whose answer, covering every instance's requests, becomes this bucket's level ({@link #synchronised}).
 * Times are milliseconds of an injected clock; a clock going backwards refills nothing.
 */
final class TokenBucket {

    /** What one request got: allowed or not, the whole tokens left, and when a token is next available. */
    record Decision(boolean allowed, long remaining, long retryAfterMillis) {
    }

    private static final double ROUNDING = 1e-9;

    private final double capacity;
    private final double tokensPerMilli;
    private double tokens;
    private long updatedAt;
    private long unsynced;
    private long lastRequestAt;

    TokenBucket(long capacity, int ratePerSecond, long now) {
        this.capacity = capacity;
        this.tokensPerMilli = ratePerSecond / 1000.0;
        this.tokens = capacity;
        this.updatedAt = now;
        this.lastRequestAt = now;
    }

    synchronized Decision tryConsume(long now) {
        refill(now);
        lastRequestAt = Math.max(lastRequestAt, now);
        // The margin absorbs floating-point rounding: real levels are multiples of a thousandth of the rate.
        if (tokens >= 1 - ROUNDING) {
            tokens = Math.max(0, tokens - 1);
            unsynced++;
            return new Decision(true, (long) tokens, 0);
        }
        return new Decision(false, 0, (long) Math.ceil((1 - ROUNDING - tokens) / tokensPerMilli));
    }

    /** The tokens taken since the last hand-over, now handed over (zero them here). */
    synchronized long takeUnsynced() {
        long taken = unsynced;
        unsynced = 0;
        return taken;
    }

    /** A hand-over that did not reach Redis: its tokens go with the next one. */
    synchronized void returnUnsynced(long taken) {
        unsynced += taken;
    }

    /**
     * The shared bucket's level once this instance's hand-over was applied, as of {@code now}. Tokens
     * taken here since that hand-over are not in it yet, so they come off.
     */
    synchronized void synchronised(double sharedTokens, long now) {
        tokens = Math.max(0, Math.min(capacity, sharedTokens) - unsynced);
        updatedAt = Math.max(updatedAt, now);
    }

    /**
     * Whether this bucket can be forgotten: nothing left to hand over and no request for as long as an
     * empty bucket takes to fill, so a new bucket (full) is what it would be by now.
     */
    synchronized boolean idle(long now) {
        return unsynced == 0 && now - lastRequestAt >= Math.ceil(capacity / tokensPerMilli);
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerMilli);
            updatedAt = now;
        }
    }
}

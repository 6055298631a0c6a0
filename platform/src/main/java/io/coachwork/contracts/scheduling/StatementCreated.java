package io.coachwork.contracts.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code coachwork.scheduling.statement.created.v1} on {@code coachwork.scheduling.profiles}
 * (key = tutor id): a tutor's earnings statement, or a new version of it, was made. {@code period}:
 * weekly or monthly; {@code periodStart} and {@code periodEnd} (the last day included) are dates
 * ({@code YYYY-MM-DD}) in {@code timeZone}, the tutor's; {@code closed} is false for a period still
 * running. Totals are per currency in minor units; the statement itself is
 * {@code GET /api/teaching/statements/{statementId}} (JSON or CSV).
 */
public record StatementCreated(long statementId, long tutorId, String period, String periodStart, String periodEnd,
                               String timeZone, int version, boolean closed, List<Total> totals, Instant createdAt) {

    /** One currency's sessions paid out, gross (what students paid), commission and net (the tutor's). */
    public record Total(String currency, int sessions, long grossMinor, long commissionMinor, long netMinor) {
    }
}

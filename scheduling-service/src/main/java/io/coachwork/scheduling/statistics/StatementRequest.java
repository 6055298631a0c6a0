package io.coachwork.scheduling.statistics;

/** {@code POST /api/teaching/statements}: which period; admins may name the tutor. */
public record StatementRequest(String period, String periodStart, String tutorId) {
}

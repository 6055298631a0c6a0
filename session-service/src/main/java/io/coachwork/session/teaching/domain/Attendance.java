package io.coachwork.session.teaching.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attended time from join rows (seed 002 §4.2, §10): each join counts until its leave; a join still
 * open counts until {@code until} (now, or the session's end once it is over). A dropped connection
 * followed by a rejoin is two rows, and the gap between them is not counted.
 */
public final class Attendance {

    private Attendance() {
    }

    /** A started second counts: someone who was in the call for 300 ms attended (and may review), not 0 s. */
    public static long seconds(AttendanceRow row, Instant until) {
        Instant end = row.leftAt() != null ? row.leftAt() : until;
        if (!end.isAfter(row.joinedAt())) {
            return 0;
        }
        Duration attended = Duration.between(row.joinedAt(), end);
        return attended.toSeconds() + (attended.toNanosPart() > 0 ? 1 : 0);
    }

    /** Total attended seconds per user. */
    public static Map<Long, Long> totals(Collection<AttendanceRow> rows, Instant until) {
        Map<Long, Long> totals = new TreeMap<>();
        rows.forEach(r -> totals.merge(r.userId(), seconds(r, until), Long::sum));
        return totals;
    }

    /** Whether anyone but the tutor ever joined. */
    public static boolean anyStudentJoined(Collection<AttendanceRow> rows, long tutorId) {
        return rows.stream().anyMatch(r -> r.userId() != tutorId);
    }

    /** The instant open rows count until: the session's close once it has one, else now. */
    public static Instant until(TeachingSession s, Instant now) {
        return s.completedAt() != null && s.completedAt().isBefore(now) ? s.completedAt() : now;
    }
}

package io.coachwork.session.teaching.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static io.coachwork.session.teaching.domain.Sessions.TUTOR;
import static io.coachwork.session.teaching.domain.Sessions.at;
import static org.assertj.core.api.Assertions.assertThat;

class AttendanceTest {

    private static final UUID SESSION = UUID.randomUUID();

    private static AttendanceRow row(long user, Instant joined, Instant left) {
        return new AttendanceRow(0, SESSION, user, joined, left);
    }

    @Test
    void aDroppedConnectionAndARejoinAddUpWithoutTheGap() {
        List<AttendanceRow> rows = List.of(
                row(42, at(0), at(10)),      // dropped after 10 minutes
                row(42, at(12), at(30)),     // rejoined for 18 more
                row(TUTOR, at(-2), null));   // the tutor is still in the call
        assertThat(Attendance.totals(rows, at(40))).containsEntry(42L, 28 * 60L).containsEntry(TUTOR, 42 * 60L);
    }

    @Test
    void anOpenJoinCountsUntilTheSessionsClose() {
        TeachingSession done = Sessions.running(at(0)).completed(at(50), at(55));
        assertThat(Attendance.until(done, at(200))).isEqualTo(at(50));
        assertThat(Attendance.until(Sessions.running(at(0)), at(20))).isEqualTo(at(20));
        assertThat(Attendance.seconds(row(42, at(45), null), Attendance.until(done, at(200)))).isEqualTo(5 * 60L);
        assertThat(Attendance.seconds(row(42, at(60), null), at(50))).isZero();
    }

    @Test
    void aStartedSecondCounts() {
        assertThat(Attendance.seconds(row(42, at(0), at(0).plusMillis(300)), at(5))).isEqualTo(1);
        assertThat(Attendance.seconds(row(42, at(0), at(0).plusMillis(61_001)), at(5))).isEqualTo(62);
        assertThat(Attendance.seconds(row(42, at(0), at(0)), at(5))).isZero();
    }

    @Test
    void onlyStudentsCountAsJoined() {
        assertThat(Attendance.anyStudentJoined(List.of(row(TUTOR, at(0), null)), TUTOR)).isFalse();
        assertThat(Attendance.anyStudentJoined(List.of(row(TUTOR, at(0), null), row(3, at(5), at(6))), TUTOR)).isTrue();
        assertThat(Attendance.anyStudentJoined(List.of(), TUTOR)).isFalse();
    }

    /** However a person's joins and leaves fall, their total is the sum of their stays and never exceeds the span. */
    @Property
    void theTotalIsTheSumOfTheStays(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 120) Integer> stays) {
        List<AttendanceRow> rows = new ArrayList<>();
        int minute = 0;
        long expected = 0;
        for (int stay : stays) {
            rows.add(row(42, at(minute), at(minute + stay)));
            expected += stay * 60L;
            minute += stay + 1;
        }
        long total = Attendance.totals(rows, at(minute)).getOrDefault(42L, 0L);
        assertThat(total).isEqualTo(expected).isLessThanOrEqualTo(minute * 60L);
    }
}

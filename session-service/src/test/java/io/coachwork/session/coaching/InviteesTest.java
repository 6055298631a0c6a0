package io.coachwork.session.coaching;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invitation rule: every invitee is a known user with the student role. */
class InviteesTest {

    @Test
    void knownStudentsPassWhateverOtherRolesTheyHave() {
        assertThatCode(() -> Invitees.check(List.of(1L, 2L),
                Map.of(1L, Set.of("student"), 2L, Set.of("student", "tutor")))).doesNotThrowAnyException();
        assertThatCode(() -> Invitees.check(List.of(), Map.of())).doesNotThrowAnyException();
    }

    @Test
    void unknownUsersAndOtherRolesAreNamedInOrder() {
        assertThatThrownBy(() -> Invitees.check(List.of(1L, 4L, 2L, 3L, 5L),
                Map.of(1L, Set.of("student"), 2L, Set.of("tutor"), 3L, Set.of(), 5L, Set.of("admin"))))
                .isInstanceOfSatisfying(SessionRuleViolation.class,
                        v -> assertThat(v.field()).isEqualTo("student_ids"))
                .hasMessage("Only students can be invited: unknown users 4; not students 2, 3, 5");
        assertThatThrownBy(() -> Invitees.check(List.of(9L), Map.of()))
                .hasMessage("Only students can be invited: unknown users 9");
    }
}

package io.coachwork.subscription.roles;

import io.coachwork.subscription.roles.RoleRules.Action;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may grant and revoke which role, and what a change needs. */
class RoleRulesTest {

    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> SUPER = Set.of("super_admin");

    private static RoleChangeRefused refused(Runnable decision) {
        try {
            decision.run();
        } catch (RoleChangeRefused e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void anAdminGrantsASecondRoleAndTheRolesStayInCanonicalOrder() {
        RoleRules.RoleChange change = RoleRules.decide(Action.GRANT, 1, ADMIN, 42, List.of(Role.STUDENT), "tutor",
                "  approved application  ");
        assertThat(change.before()).containsExactly(Role.STUDENT);
        assertThat(change.after()).containsExactly(Role.TUTOR, Role.STUDENT);
        assertThat(change.reason()).isEqualTo("approved application");
    }

    @Test
    void anAdminRevokesTutorAndStudentButNotAdministrativeRoles() {
        assertThat(RoleRules.decide(Action.REVOKE, 1, ADMIN, 42, List.of(Role.TUTOR, Role.STUDENT), "TUTOR", "fraud")
                .after()).containsExactly(Role.STUDENT);
        for (String role : List.of("admin", "super_admin")) {
            RoleChangeRefused grant = refused(() -> RoleRules.decide(Action.GRANT, 1, ADMIN, 42, List.of(), role, "x"));
            assertThat(grant.kind()).isEqualTo(RoleChangeRefused.Kind.FORBIDDEN);
            assertThat(grant.getMessage()).isEqualTo("Only a super admin can grant or revoke the " + role + " role");
            assertThat(refused(() -> RoleRules.decide(Action.REVOKE, 1, ADMIN, 42, List.of(Role.ADMIN, Role.SUPER_ADMIN),
                    role, "x")).kind()).isEqualTo(RoleChangeRefused.Kind.FORBIDDEN);
        }
    }

    @Test
    void aSuperAdminManagesAdminsButNotTheirOwnSuperAdminRole() {
        assertThat(RoleRules.decide(Action.GRANT, 1, SUPER, 42, List.of(Role.TUTOR), "admin", "new ops lead").after())
                .containsExactly(Role.TUTOR, Role.ADMIN);
        assertThat(RoleRules.decide(Action.REVOKE, 1, SUPER, 42, List.of(Role.SUPER_ADMIN), "super_admin", "left").after())
                .isEmpty();
        RoleChangeRefused own = refused(() -> RoleRules.decide(Action.REVOKE, 1, SUPER, 1,
                List.of(Role.ADMIN, Role.SUPER_ADMIN), "super_admin", "stepping down"));
        assertThat(own.kind()).isEqualTo(RoleChangeRefused.Kind.INVALID);
        assertThat(own.getMessage()).isEqualTo("You cannot revoke your own super_admin role; another super admin must");
        assertThat(RoleRules.decide(Action.REVOKE, 1, SUPER, 1, List.of(Role.ADMIN, Role.SUPER_ADMIN), "admin", "tidy")
                .after()).containsExactly(Role.SUPER_ADMIN);
    }

    @Test
    void grantingAHeldRoleOrRevokingOneNotHeldIsAConflict() {
        RoleChangeRefused held = refused(() -> RoleRules.decide(Action.GRANT, 1, ADMIN, 42, List.of(Role.TUTOR), "tutor", "x"));
        assertThat(held.kind()).isEqualTo(RoleChangeRefused.Kind.CONFLICT);
        assertThat(held.getMessage()).isEqualTo("User 42 already holds the tutor role");
        RoleChangeRefused notHeld = refused(() -> RoleRules.decide(Action.REVOKE, 1, ADMIN, 42, List.of(), "student", "x"));
        assertThat(notHeld.kind()).isEqualTo(RoleChangeRefused.Kind.CONFLICT);
        assertThat(notHeld.getMessage()).isEqualTo("User 42 does not hold the student role");
    }

    @Test
    void unknownOrMissingRolesAndReasonsAreNamedByField() {
        RoleChangeRefused unknown = refused(() -> RoleRules.decide(Action.GRANT, 1, SUPER, 42, List.of(), "owner", "x"));
        assertThat(unknown.field()).isEqualTo("role");
        assertThat(unknown.getMessage()).isEqualTo("role must be one of tutor, student, admin, super_admin");
        assertThat(refused(() -> RoleRules.decide(Action.GRANT, 1, SUPER, 42, List.of(), null, "x")).getMessage())
                .isEqualTo("role is required");
        for (String reason : new String[]{null, "", "   "}) {
            RoleChangeRefused missing = refused(() -> RoleRules.decide(Action.GRANT, 1, SUPER, 42, List.of(), "tutor", reason));
            assertThat(missing.field()).isEqualTo("reason");
            assertThat(missing.getMessage()).isEqualTo("reason is required");
        }
        assertThat(refused(() -> RoleRules.decide(Action.GRANT, 1, SUPER, 42, List.of(), "tutor", "r".repeat(501)))
                .getMessage()).isEqualTo("reason must be at most 500 characters");
        assertThat(RoleRules.decide(Action.GRANT, 1, SUPER, 42, List.of(), "tutor", "😀".repeat(500)).reason())
                .hasSize(1000);
    }

    @Test
    void onlyAdminsChangeRoles() {
        assertThatThrownBy(() -> RoleRules.decide(Action.GRANT, 1, Set.of("tutor"), 42, List.of(), "student", "x"))
                .isInstanceOf(RoleChangeRefused.class).hasMessage("Only admins grant or revoke roles");
    }

    @Property
    void aGrantAddsExactlyTheRoleAndARevocationUndoesIt(@ForAll Role role, @ForAll Set<Role> held,
                                                         @ForAll @AlphaChars @StringLength(min = 1, max = 40) String reason) {
        Set<Role> others = new HashSet<>(held);
        others.remove(role);
        RoleRules.RoleChange grant = RoleRules.decide(Action.GRANT, 1, SUPER, 42, others, role.code(), reason);
        assertThat(grant.after()).containsAll(others).contains(role).hasSize(others.size() + 1).isSorted();
        RoleRules.RoleChange revoke = RoleRules.decide(Action.REVOKE, 1, SUPER, 42, grant.after(), role.code(), reason);
        assertThat(revoke.after()).containsExactlyElementsOf(Role.known(Role.codes(others)));
    }
}

package io.coachwork.subscription.roles;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.identity.UserRolesChanged;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Grants and revocations: the user's roles row locked, the rules applied, the new roles, the audit
 * row and the roles_changed event (identity.users, key user id) written in one transaction. The
 * identity provider issues the next tokens from the event; every service refuses a revoked role at
 * once in tokens issued before it (platform RevokedRolesSnapshot).
 */
@Service
public class RoleAdministration {

    static final int HISTORY = 20;

    private final RoleRepository roles;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    public RoleAdministration(RoleRepository roles, OutboxWriter outbox, TransactionalOperator tx, Clock clock) {
        this.roles = roles;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<RoleViews.UserRoles> get(long userId) {
        return roles.find(userId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("User not found")))
                .flatMap(assigned -> roles.changes(userId, 0, HISTORY).map(RoleViews.AuditEntry::of).collectList()
                        .map(history -> new RoleViews.UserRoles(userId, Role.codes(Role.known(assigned.roles())),
                                assigned.managed() ? "role_admin" : "identity_provider", history)));
    }

    public Mono<RoleViews.Changed> change(RoleRules.Action action, CurrentUser actor, long userId, String role, String reason) {
        return Mono.defer(() -> {
            Instant at = clock.instant();
            return tx.transactional(roles.lock(userId, at).flatMap(current -> {
                RoleRules.RoleChange change;
                try {
                    change = RoleRules.decide(action, actor.id(), actor.roles(), userId, Role.known(current), role, reason);
                } catch (RoleChangeRefused refused) {
                    return Mono.error(toApi(refused));
                }
                List<String> before = Role.codes(change.before());
                List<String> after = Role.codes(change.after());
                List<String> changed = List.of(change.role().code());
                String actionName = action.name().toLowerCase();
                return roles.save(userId, after, actionName, change.role().code(), before, actor.id(), change.reason(), at)
                        .flatMap(id -> outbox.append(Topics.IDENTITY_USERS, Long.toString(userId),
                                        EventTypes.IDENTITY_USER_ROLES_CHANGED, new UserRolesChanged(userId, before, after,
                                                action == RoleRules.Action.GRANT ? changed : List.of(),
                                                action == RoleRules.Action.REVOKE ? changed : List.of(),
                                                actor.id(), change.reason(), at))
                                .thenReturn(new RoleViews.Changed(userId, after, new RoleViews.AuditEntry(id, userId,
                                        actionName, change.role().code(), before, after, actor.id(), change.reason(), at))));
            }));
        });
    }

    public Mono<RoleViews.AuditPage> audit(Long userId, PageQuery query) {
        return roles.countChanges(userId).flatMap(total -> roles.changes(userId, query.offset(), query.limit())
                .map(RoleViews.AuditEntry::of).collectList()
                .map(entries -> new RoleViews.AuditPage(entries, Pagination.of(total, query))));
    }

    public Mono<RoleViews.MyRoles> mine(CurrentUser user) {
        List<String> token = Role.codes(Role.known(user.roles()));
        return roles.find(user.id())
                .map(assigned -> Role.codes(Role.known(assigned.roles())))
                .defaultIfEmpty(token)
                .map(assigned -> new RoleViews.MyRoles(user.id(), token, assigned));
    }

    private static ApiException toApi(RoleChangeRefused refused) {
        return switch (refused.kind()) {
            case INVALID -> refused.field() != null ? ApiException.invalidField(refused.field(), refused.getMessage())
                    : ApiException.badRequest(refused.getMessage());
            case FORBIDDEN -> ApiException.forbidden(refused.getMessage());
            case CONFLICT -> ApiException.conflict(refused.getMessage());
        };
    }
}

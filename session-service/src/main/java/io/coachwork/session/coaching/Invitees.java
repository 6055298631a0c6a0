package io.coachwork.session.coaching;

import io.coachwork.platform.directory.DirectoryUser;
import io.coachwork.platform.directory.UserDirectory;
import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Only students are invited: each id must be a user this service's directory knows (from their
 * own calls or the identity topic) with the student role. Anyone else is refused by id, before
 * anything is stored.
 */
final class Invitees {

    private Invitees() {
    }

    /** Completes when every id is a known student, else fails with a 400 naming {@code student_ids}. */
    static Mono<Void> checkStudents(UserDirectory directory, List<Long> studentIds) {
        return directory.findAll(studentIds).collectMap(DirectoryUser::userId, DirectoryUser::roles)
                .flatMap(roles -> {
                    check(studentIds, roles);
                    return Mono.<Void>empty();
                })
                .onErrorMap(SessionRuleViolation.class, v -> ApiException.invalidField(v.field(), v.getMessage()));
    }

    /** The rule itself: unknown ids and ids without the student role are named in the refusal. */
    static void check(List<Long> studentIds, Map<Long, Set<String>> rolesById) {
        List<Long> unknown = new ArrayList<>();
        List<Long> notStudents = new ArrayList<>();
        for (Long id : studentIds) {
            Set<String> roles = rolesById.get(id);
            if (roles == null) {
                unknown.add(id);
            } else if (!roles.contains(CurrentUser.STUDENT)) {
                notStudents.add(id);
            }
        }
        if (unknown.isEmpty() && notStudents.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!unknown.isEmpty()) {
            parts.add("unknown users " + joined(unknown));
        }
        if (!notStudents.isEmpty()) {
            parts.add("not students " + joined(notStudents));
        }
        throw new SessionRuleViolation("student_ids", "Only students can be invited: " + String.join("; ", parts));
    }

    private static String joined(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}

package io.coachwork.contracts.identity;

import java.util.List;

/** Payload of identity.user.created/updated: who a user id is. Schema: contracts/identity-user.schema.json. */
public record IdentityUser(long userId, String name, String email, List<String> roles, String timeZone) {
}

package io.coachwork.platform.test.dev;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.identity.IdentityUser;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code DevToken <bootstrap> <secret> <roles> <id> [name] [email]}: registers the user in every
 * service's directory through the identity topic (as the identity provider would) and prints a
 * 12-hour token for the local stack, alone on the last line.
 */
public final class DevToken {

    private DevToken() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: DevToken BOOTSTRAP SECRET ROLE[,ROLE] ID [NAME] [EMAIL]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String secret = args[1];
        List<String> roles = Arrays.stream(args[2].split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        long id = Long.parseLong(args[3]);
        String name = args.length > 4 ? args[4] : "User " + id;
        String email = args.length > 5 ? args[5] : "user" + id + "@example.com";
        String event = TestEvents.cloudEvent(EventTypes.IDENTITY_USER_UPDATED, Long.toString(id),
                new IdentityUser(id, name, email, roles, "Africa/Lagos"));
        TopicProbe.send(bootstrap, Topics.IDENTITY_USERS, List.of(Map.entry(Long.toString(id), event)));
        System.out.println(TestJwt.token(secret, id, name, email, roles, roles.contains("tutor") ? "sole_tutor" : null,
                Duration.ofHours(12)));
    }
}

package io.coachwork.platform.test.dev;

import com.nimbusds.jwt.JWTClaimsSet;
import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.identity.IdentityUser;
import io.coachwork.platform.test.TestEvents;
import io.coachwork.platform.test.TestJwt;
import io.coachwork.platform.test.TopicProbe;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * {@code DevToken <bootstrap> <secret> [--zone ZONE] <roles> <id> [name] [email] [--and <user>...]}: registers the user in
 * every service's directory through the identity topic (as the identity provider would) and prints a
 * 12-hour token for the local stack, alone on the last line. With {@code --zone} the user lives in that
 * IANA zone: the token carries it as the OIDC {@code zoneinfo} claim (services show times in it) and the
 * directory entry has it; without, the directory says Africa/Lagos and the token has no zone. Each further
 * {@code --and [--zone ZONE] <roles> <id> [name] [email]} registers one more user in the same run and prints its
 * token on the next line (dev/stack mints its four in one JVM).
 */
public final class DevToken {

    private static final String DEFAULT_ZONE = "Africa/Lagos";

    private DevToken() {
    }

    public static void main(String[] argv) {
        if (argv.length < 2) {
            usage();
        }
        String bootstrap = argv[0];
        String secret = argv[1];
        List<List<String>> users = new ArrayList<>();
        users.add(new ArrayList<>());
        for (String arg : Arrays.asList(argv).subList(2, argv.length)) {
            if (arg.equals("--and")) {
                users.add(new ArrayList<>());
            } else {
                users.get(users.size() - 1).add(arg);
            }
        }
        List<Map.Entry<String, String>> events = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (List<String> user : users) {
            mint(secret, user, events, tokens);
        }
        TopicProbe.send(bootstrap, Topics.IDENTITY_USERS, events);
        tokens.forEach(System.out::println);
    }

    private static void usage() {
        System.err.println("usage: DevToken BOOTSTRAP SECRET [--zone ZONE] ROLE[,ROLE] ID [NAME] [EMAIL] [--and ...]");
        System.exit(2);
    }

    /** Adds the user's identity event to {@code events} and its token to {@code tokens}. */
    private static void mint(String secret, List<String> args, List<Map.Entry<String, String>> events, List<String> tokens) {
        String zone = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("--zone=")) {
                zone = args.remove(i).substring("--zone=".length());
                i--;
            } else if (args.get(i).equals("--zone") && i + 1 < args.size()) {
                args.remove(i);
                zone = args.remove(i);
                i--;
            }
        }
        if (args.size() < 2) {
            usage();
        }
        if (zone != null) {
            try {
                zone = ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                System.err.println("DevToken: --zone must be an IANA time zone such as America/New_York, not '" + zone + "'");
                System.exit(2);
            }
        }
        List<String> roles = Arrays.stream(args.get(0).split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        long id = Long.parseLong(args.get(1));
        String name = args.size() > 2 ? args.get(2) : "User " + id;
        String email = args.size() > 3 ? args.get(3) : "user" + id + "@example.com";
        events.add(Map.entry(Long.toString(id), TestEvents.cloudEvent(EventTypes.IDENTITY_USER_UPDATED, Long.toString(id),
                new IdentityUser(id, name, email, roles, zone == null ? DEFAULT_ZONE : zone))));
        String tutorType = roles.contains("tutor") ? "sole_tutor" : null;
        Duration ttl = Duration.ofHours(12);
        tokens.add(zone == null ? TestJwt.token(secret, id, name, email, roles, tutorType, ttl)
                : TestJwt.sign(secret, claims(id, name, email, roles, tutorType, ttl, zone)));
    }

    private static JWTClaimsSet claims(long id, String name, String email, List<String> roles, String tutorType,
                                       Duration ttl, String zone) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(Long.toString(id))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .claim("roles", roles).claim("name", name).claim("email", email).claim("zoneinfo", zone);
        if (tutorType != null) {
            claims.claim("tutor_type", tutorType);
        }
        return claims.build();
    }
}

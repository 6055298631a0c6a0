package io.coachwork.session.rooms;

import io.coachwork.platform.test.TestJwt;
import io.coachwork.session.support.SessionIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service with both room providers and Discord linking configured against
 * {@link ProviderStandIns} (one server for the run), Discord the chosen provider, the job's own
 * schedule off. Teaching sessions are written straight into the teaching tables, as the teaching
 * lifecycle would leave them.
 */
@TestPropertySource(properties = {
        "coachwork.rooms.provider=discord",
        "coachwork.rooms.job-cron=-",
        "coachwork.rooms.discord.bot-token=" + ProviderStandIns.BOT_TOKEN,
        "coachwork.rooms.discord.guild-id=" + ProviderStandIns.GUILD,
        "coachwork.rooms.discord.client-id=" + ProviderStandIns.DISCORD_CLIENT_ID,
        "coachwork.rooms.discord.client-secret=" + ProviderStandIns.DISCORD_CLIENT_SECRET,
        "coachwork.rooms.discord.redirect-uri=https://coachwork.test/api/teaching/discord/callback",
        "coachwork.rooms.discord.authorize-url=https://discord.test/oauth2/authorize",
        "coachwork.rooms.zoom.account-id=" + ProviderStandIns.ZOOM_ACCOUNT,
        "coachwork.rooms.zoom.client-id=" + ProviderStandIns.ZOOM_CLIENT_ID,
        "coachwork.rooms.zoom.client-secret=" + ProviderStandIns.ZOOM_CLIENT_SECRET})
abstract class RoomsIntegrationTest extends SessionIntegrationTest {

    static final ProviderStandIns STAND_INS = new ProviderStandIns();
    private static final AtomicLong SLOTS = new AtomicLong(System.nanoTime() % 1_000_000 * 1_000);

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("coachwork.rooms.discord.api-base-url", () -> STAND_INS.url("/discord/api"));
        registry.add("coachwork.rooms.discord.token-url", () -> STAND_INS.url("/discord/oauth/token"));
        registry.add("coachwork.rooms.zoom.api-base-url", () -> STAND_INS.url("/zoom/v2"));
        registry.add("coachwork.rooms.zoom.token-url", () -> STAND_INS.url("/zoom/oauth/token"));
    }

    @Autowired
    MeetingRoomJob job;

    /** A SCHEDULED teaching session with these booked students; returns its id. */
    UUID teachingSession(long tutorId, Instant start, int minutes, long... studentIds) {
        UUID id = UUID.randomUUID();
        long slot = SLOTS.incrementAndGet();
        db.sql("""
                        INSERT INTO teaching_session (id, slot_id, tutor_id, session_type, max_participants, title, starts_at,
                          ends_at, timezone, status, channel_name, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, 20, $5, $6, $7, 'Europe/Berlin', 'SCHEDULED', $8, $9, $9)""")
                .bind(0, id).bind(1, slot).bind(2, tutorId).bind(3, studentIds.length == 1 ? "ONE_TO_ONE" : "GROUP")
                .bind(4, "Algebra with tutor " + tutorId).bind(5, start.atOffset(ZoneOffset.UTC))
                .bind(6, start.plus(Duration.ofMinutes(minutes)).atOffset(ZoneOffset.UTC)).bind(7, "teaching_" + id)
                .bind(8, clock.instant().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().block();
        for (long student : studentIds) {
            db.sql("""
                            INSERT INTO teaching_participant (id, session_id, booking_id, student_id, status, booked_at, updated_at)
                            VALUES ($1, $2, $3, $4, 'BOOKED', $5, $5)""")
                    .bind(0, UUID.randomUUID()).bind(1, id).bind(2, UUID.randomUUID()).bind(3, student)
                    .bind(4, clock.instant().atOffset(ZoneOffset.UTC))
                    .fetch().rowsUpdated().block();
        }
        return id;
    }

    void sessionStatus(UUID id, String status) {
        db.sql("UPDATE teaching_session SET status = $1 WHERE id = $2").bind(0, status).bind(1, id)
                .fetch().rowsUpdated().block();
    }

    void moveSession(UUID id, Instant start, int minutes) {
        db.sql("UPDATE teaching_session SET starts_at = $1, ends_at = $2 WHERE id = $3")
                .bind(0, start.atOffset(ZoneOffset.UTC)).bind(1, start.plus(Duration.ofMinutes(minutes)).atOffset(ZoneOffset.UTC))
                .bind(2, id).fetch().rowsUpdated().block();
    }

    void cancelSeat(UUID id, long studentId) {
        db.sql("UPDATE teaching_participant SET status = 'CANCELLED' WHERE session_id = $1 AND student_id = $2")
                .bind(0, id).bind(1, studentId).fetch().rowsUpdated().block();
    }

    /** A linked Discord account, as the callback leaves it. */
    String linkDiscord(long userId) {
        String discordId = Long.toString(800_000_000_000_000_000L + userId);
        db.sql("INSERT INTO discord_link (user_id, discord_user_id, discord_username, linked_at, updated_at) "
                        + "VALUES ($1, $2, $3, $4, $4)")
                .bind(0, userId).bind(1, discordId).bind(2, "user" + userId).bind(3, clock.instant().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().block();
        return discordId;
    }

    String roomColumn(UUID sessionId, String provider, String column) {
        return db.sql("SELECT " + column + "::text AS v FROM meeting_room WHERE session_id = $1 AND provider = $2")
                .bind(0, sessionId).bind(1, provider)
                .map((row, meta) -> Optional.ofNullable(row.get("v", String.class))).one().blockOptional()
                .flatMap(v -> v).orElse(null);
    }

    WebTestClient.ResponseSpec room(long userId, UUID sessionId) {
        return web.get().uri("/api/teaching/sessions/" + sessionId + "/room")
                .headers(h -> h.setBearerAuth(TestJwt.token(userId, "student", "tutor"))).exchange();
    }

    MeetingRoomJob.ProviderRoomsReport run(MeetingRoomProvider.Kind kind) {
        return job.run(kind, true).block();
    }
}

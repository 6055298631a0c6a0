package io.coachwork.contracts;

import io.coachwork.contracts.catalog.CatalogResource;
import io.coachwork.contracts.coaching.CoachingSessionEvent;
import io.coachwork.contracts.coaching.CoachingSettingsUpdated;
import io.coachwork.contracts.identity.IdentityUser;
import io.coachwork.contracts.identity.UserRolesChanged;
import io.coachwork.contracts.payment.PackageCommands;
import io.coachwork.contracts.payment.PackageEvent;
import io.coachwork.contracts.payment.PackageReplies;
import io.coachwork.contracts.scheduling.ReviewEvent;
import io.coachwork.contracts.scheduling.ReviewRequested;
import io.coachwork.contracts.scheduling.StatementCreated;
import io.coachwork.contracts.scheduling.ScheduleChanged;
import io.coachwork.contracts.scheduling.SlotEvent;
import io.coachwork.contracts.scheduling.TutorProfileEvent;
import io.coachwork.contracts.subscription.SubscriptionChangeRefused;
import io.coachwork.contracts.subscription.SubscriptionEvent;
import io.coachwork.contracts.subscription.TierUpdated;
import io.coachwork.contracts.teaching.DiscordLinkChanged;
import io.coachwork.contracts.teaching.TeachingCommands;
import io.coachwork.contracts.teaching.TeachingReplies;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import io.coachwork.contracts.wallet.WalletCommands;
import io.coachwork.contracts.wallet.WalletEvents;
import io.coachwork.contracts.wallet.WalletReplies;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Every contract record and its published JSON Schema name the same fields, as JSON spells them. */
class ContractSchemasTest {

    static Set<Map.Entry<Class<?>, String>> contracts() {
        return Map.<Class<?>, String>ofEntries(
                Map.entry(IdentityUser.class, "identity-user"),
                Map.entry(UserRolesChanged.class, "identity-user-roles-changed"),
                Map.entry(CatalogResource.class, "catalog-resource"),
                Map.entry(SubscriptionEvent.class, "subscription-event"),
                Map.entry(SubscriptionChangeRefused.class, "subscription-change-refused"),
                Map.entry(TierUpdated.class, "subscription-tier-updated"),
                Map.entry(WalletCommands.ReserveHours.class, "wallet-reserve-hours"),
                Map.entry(WalletCommands.SettleHours.class, "wallet-settle-hours"),
                Map.entry(WalletCommands.ReleaseHours.class, "wallet-release-hours"),
                Map.entry(WalletCommands.ConfirmHours.class, "wallet-confirm-hours"),
                Map.entry(WalletCommands.ChargeSubscription.class, "wallet-charge-subscription"),
                Map.entry(WalletReplies.HoursReserved.class, "wallet-hours-reserved"),
                Map.entry(WalletReplies.HoursReservationRefused.class, "wallet-hours-reservation-refused"),
                Map.entry(WalletReplies.HoursSettled.class, "wallet-hours-settled"),
                Map.entry(WalletReplies.HoursReleased.class, "wallet-hours-released"),
                Map.entry(WalletReplies.HoursConfirmed.class, "wallet-hours-confirmed"),
                Map.entry(WalletReplies.HoursConfirmationRefused.class, "wallet-hours-confirmation-refused"),
                Map.entry(WalletReplies.SubscriptionCharged.class, "wallet-subscription-charged"),
                Map.entry(WalletReplies.SubscriptionChargeRefused.class, "wallet-subscription-charge-refused"),
                Map.entry(WalletEvents.WalletMovement.class, "wallet-movement"),
                Map.entry(WalletEvents.HoursPurchased.class, "wallet-hours-purchased"),
                Map.entry(WalletEvents.HoursBalanceLow.class, "wallet-hours-balance-low"),
                Map.entry(WalletEvents.InvoiceCreated.class, "wallet-invoice-created"),
                Map.entry(CoachingSessionEvent.class, "coaching-session-event"),
                Map.entry(CoachingSettingsUpdated.class, "coaching-settings-updated"),
                Map.entry(TutorProfileEvent.class, "scheduling-tutor-profile-event"),
                Map.entry(SlotEvent.class, "scheduling-slot-event"),
                Map.entry(ScheduleChanged.class, "scheduling-schedule-changed"),
                Map.entry(ReviewEvent.class, "scheduling-review-event"),
                Map.entry(ReviewRequested.class, "scheduling-review-requested"),
                Map.entry(StatementCreated.class, "scheduling-statement-created"),
                Map.entry(TeachingCommands.AddTeachingParticipant.class, "teaching-add-participant"),
                Map.entry(TeachingCommands.RemoveTeachingParticipant.class, "teaching-remove-participant"),
                Map.entry(TeachingCommands.CancelTeachingSession.class, "teaching-cancel-session"),
                Map.entry(TeachingReplies.TeachingParticipantAdded.class, "teaching-participant-added"),
                Map.entry(TeachingReplies.TeachingParticipantRefused.class, "teaching-participant-refused"),
                Map.entry(TeachingReplies.TeachingParticipantRemoved.class, "teaching-participant-removed"),
                Map.entry(TeachingReplies.TeachingSessionCancelled.class, "teaching-session-cancelled"),
                Map.entry(TeachingReplies.TeachingCancelRefused.class, "teaching-cancel-refused"),
                Map.entry(TeachingSessionEvent.class, "teaching-session-event"),
                Map.entry(DiscordLinkChanged.class, "teaching-discord-link-changed"),
                Map.entry(PackageCommands.ConsumePackageCredit.class, "payment-consume-package-credit"),
                Map.entry(PackageCommands.ReturnPackageCredit.class, "payment-return-package-credit"),
                Map.entry(PackageReplies.PackageCreditConsumed.class, "payment-package-credit-consumed"),
                Map.entry(PackageReplies.PackageCreditRefused.class, "payment-package-credit-refused"),
                Map.entry(PackageReplies.PackageCreditReturned.class, "payment-package-credit-returned"),
                Map.entry(PackageEvent.class, "payment-package-event")).entrySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void recordAndSchemaAgree(Map.Entry<Class<?>, String> contract) throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream("/contracts/" + contract.getValue() + ".schema.json")) {
            assertThat(in).as(contract.getValue()).isNotNull();
            schema = JsonMapper.builder().build().readTree(in);
        }
        Set<String> fields = Arrays.stream(contract.getKey().getRecordComponents()).map(RecordComponent::getName)
                .map(ContractSchemasTest::snake).collect(Collectors.toCollection(TreeSet::new));
        Set<String> properties = new TreeSet<>(schema.get("properties").propertyNames());
        assertThat(properties).isEqualTo(fields);
        schema.get("required").forEach(r -> assertThat(fields).contains(r.asString()));
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase();
    }
}

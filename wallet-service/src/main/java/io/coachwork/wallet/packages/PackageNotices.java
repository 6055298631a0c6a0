package io.coachwork.wallet.packages;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.payment.PackageEvent;
import io.coachwork.contracts.payment.TutorEarning;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.wallet.packages.domain.PackagePurchase;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Package facts on {@code coachwork.payments} (key = purchase id; earnings keyed by booking), in the caller's transaction. */
@Component
public class PackageNotices {

    private final OutboxWriter outbox;

    public PackageNotices(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> changed(String type, PackagePurchase p, String bookingId, Instant at) {
        return outbox.append(Topics.PAYMENTS, p.id().toString(), type, new PackageEvent(p.id().toString(), p.packageId(),
                p.tutorId(), p.studentId(), p.name(), p.status(), p.sessionCount(), p.creditsUsed(), p.creditsLeft(),
                p.creditsExpired(), p.durationMinutes(), p.priceMinor(), p.currency(), p.expiresAt(), bookingId, at))
                .then();
    }

    public Mono<Void> earning(TutorEarning earning) {
        return outbox.append(Topics.PAYMENTS, earning.bookingId(), EventTypes.TUTOR_EARNING, earning).then();
    }
}

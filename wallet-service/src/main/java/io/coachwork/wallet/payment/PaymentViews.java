package io.coachwork.wallet.payment;

import io.coachwork.platform.web.Pagination;
import io.coachwork.wallet.ledger.Units;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of the earnings and booking-payment endpoints; amounts in major units (seed 000 style). */
public final class PaymentViews {

    private PaymentViews() {
    }

    /** {@code GET /api/marketplace/tutor/wallet/earnings}: balances per currency and the bookings that paid them. */
    public record Earnings(List<EarningsBalance> balances, List<Earning> earnings, Pagination pagination) {
    }

    public record EarningsBalance(String currency, BigDecimal balance) {
    }

    /** One booking paid out: {@code gross} = {@code commission} + {@code net}; {@code commission_rate} in percent. */
    public record Earning(String bookingId, String teachingSessionId, long studentId, BigDecimal gross,
                          BigDecimal commission, BigDecimal net, BigDecimal commissionRate, String currency,
                          String paymentStatus, Instant releasedAt) {

        static Earning of(BookingPayment p) {
            return new Earning(p.bookingId(), p.teachingSessionId(), p.studentId(),
                    Units.money(p.releasedMinor(), p.currency()), Units.money(p.commissionMinor(), p.currency()),
                    Units.money(p.releasedMinor() - p.commissionMinor(), p.currency()), p.commissionRate(), p.currency(),
                    p.status(), p.releasedAt());
        }
    }

    /** {@code GET /api/admin/wallet/booking-payments/:bookingId} (dev/pay reads {@code payment_intent_id} from it). */
    public record BookingPaymentView(String bookingId, String sagaId, long studentId, long tutorId, long slotId,
                                     String status, String paymentIntentId, BigDecimal amount, BigDecimal paid,
                                     BigDecimal refundRequested, BigDecimal refunded, BigDecimal released,
                                     BigDecimal commission, BigDecimal commissionRate, String currency,
                                     String refundId, String failureReason, String teachingSessionId,
                                     Instant releasedAt, Instant createdAt, Instant updatedAt) {

        static BookingPaymentView of(BookingPayment p) {
            String c = p.currency();
            return new BookingPaymentView(p.bookingId(), p.sagaId(), p.studentId(), p.tutorId(), p.slotId(), p.status(),
                    p.paymentIntentId(), Units.money(p.amountMinor(), c), Units.money(p.paidMinor(), c),
                    Units.money(p.refundRequestedMinor(), c), Units.money(p.refundedMinor(), c),
                    Units.money(p.releasedMinor(), c), Units.money(p.commissionMinor(), c), p.commissionRate(), c,
                    p.refundId(), p.failureReason(), p.teachingSessionId(), p.releasedAt(), p.createdAt(), p.updatedAt());
        }
    }
}

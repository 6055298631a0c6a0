package io.coachwork.wallet.payment;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The tutor's earnings from bookings, and an admin's look at one booking's payment. */
@RestController
public class PaymentControllers {

    private final BookingPaymentRepository payments;

    public PaymentControllers(BookingPaymentRepository payments) {
        this.payments = payments;
    }

    @GetMapping("/api/marketplace/tutor/wallet/earnings")
    public Mono<ApiResponse<PaymentViews.Earnings>> earnings(CurrentUser tutor,
                                                             @RequestParam(required = false) String page,
                                                             @RequestParam(required = false) String limit) {
        return Mono.fromCallable(() -> PageQuery.of(page, limit)).flatMap(query -> payments.earningsBalances(tutor.id())
                        .collectList()
                        .flatMap(balances -> payments.countReleased(tutor.id())
                                .flatMap(total -> payments.released(tutor.id(), query.limit(), query.offset())
                                        .map(PaymentViews.Earning::of).collectList()
                                        .map(items -> new PaymentViews.Earnings(balances, items,
                                                Pagination.of(total, query))))))
                .map(ApiResponse::ok);
    }

    @GetMapping("/api/admin/wallet/booking-payments/{bookingId}")
    public Mono<ApiResponse<PaymentViews.BookingPaymentView>> bookingPayment(@PathVariable String bookingId) {
        return payments.find(bookingId)
                .map(p -> ApiResponse.ok(PaymentViews.BookingPaymentView.of(p)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Booking payment not found")));
    }
}

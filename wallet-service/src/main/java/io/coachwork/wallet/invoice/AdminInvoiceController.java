package io.coachwork.wallet.invoice;

import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Every tutor's invoices for admins, newest first, optionally of one tutor. */
@RestController
@RequestMapping("/api/admin/wallet/invoices")
public class AdminInvoiceController {

    private final InvoiceQueries invoices;

    public AdminInvoiceController(InvoiceQueries invoices) {
        this.invoices = invoices;
    }

    @GetMapping
    public Mono<ApiResponse<InvoiceViews.InvoicePage>> list(@RequestParam(required = false) String page,
                                                            @RequestParam(required = false) String limit,
                                                            @RequestParam(name = "tutor_id", required = false) String tutorId) {
        return Mono.fromCallable(() -> new Filter(InvoiceQueries.tutorFilter(tutorId), PageQuery.of(page, limit)))
                .flatMap(filter -> invoices.page(filter.tutorId(), filter.page()))
                .map(ApiResponse::ok);
    }

    private record Filter(Long tutorId, PageQuery page) {
    }
}

package io.coachwork.wallet.invoice;

import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads invoices for the API: a tutor sees only their own, an admin anyone's. */
@Component
public class InvoiceQueries {

    static final String NOT_FOUND = "Invoice not found";

    private final InvoiceRepository invoices;

    public InvoiceQueries(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    public Mono<InvoiceViews.InvoicePage> page(Long tutorId, PageQuery query) {
        return invoices.count(tutorId).flatMap(total -> invoices.list(tutorId, query).map(InvoiceViews::of).collectList()
                .map(items -> new InvoiceViews.InvoicePage(items, Pagination.of(total, query))));
    }

    /** The tutor's invoice {@code id}; another tutor's, or an id that is no number, is not found (not forbidden). */
    public Mono<Invoice> owned(String id, long tutorId) {
        return Mono.fromCallable(() -> parseId(id))
                .flatMap(invoices::find)
                .filter(invoice -> invoice.tutorId() == tutorId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(NOT_FOUND)));
    }

    private static long parseId(String id) {
        try {
            long parsed = Long.parseLong(id.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Falls through: an id that is no positive number names no invoice.
        }
        throw ApiException.notFound(NOT_FOUND);
    }

    /** {@code tutor_id} of the admin filter: absent, or a positive number. */
    static Long tutorFilter(String tutorId) {
        if (tutorId == null || tutorId.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(tutorId.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Falls through to the field error.
        }
        throw ApiException.invalidField("tutor_id", "tutor_id must be a positive number");
    }
}

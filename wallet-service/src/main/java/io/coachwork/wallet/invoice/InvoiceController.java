package io.coachwork.wallet.invoice;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The calling tutor's invoices, as JSON and as PDF. */
@RestController
@RequestMapping("/api/marketplace/tutor/wallet/invoices")
public class InvoiceController {

    private final InvoiceQueries invoices;
    private final InvoicePdf pdf;

    public InvoiceController(InvoiceQueries invoices, InvoicePdf pdf) {
        this.invoices = invoices;
        this.pdf = pdf;
    }

    @GetMapping
    public Mono<ApiResponse<InvoiceViews.InvoicePage>> list(CurrentUser tutor,
                                                            @RequestParam(required = false) String page,
                                                            @RequestParam(required = false) String limit) {
        return Mono.fromCallable(() -> PageQuery.of(page, limit))
                .flatMap(query -> invoices.page(tutor.id(), query))
                .map(ApiResponse::ok);
    }

    @GetMapping("/{id}")
    public Mono<ApiResponse<InvoiceViews.InvoiceView>> invoice(CurrentUser tutor, @PathVariable String id) {
        return invoices.owned(id, tutor.id()).map(InvoiceViews::of).map(ApiResponse::ok);
    }

    @GetMapping(value = "/{id}/pdf", produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_JSON_VALUE})
    public Mono<ResponseEntity<byte[]>> pdf(CurrentUser tutor, @PathVariable String id) {
        return invoices.owned(id, tutor.id()).flatMap(invoice -> pdf.render(invoice).map(bytes -> ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(invoice.number() + ".pdf").build().toString())
                .body(bytes)));
    }
}

package io.coachwork.wallet.invoice;

import io.coachwork.wallet.ledger.Units;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** An invoice as a one-page A4 PDF (Apache PDFBox), rendered off the event loop. */
@Component
public class InvoicePdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final float MARGIN = 56;
    private static final float AMOUNT_RIGHT = PDRectangle.A4.getWidth() - MARGIN;

    /** PDFBox works synchronously on the CPU; it runs on the bounded elastic pool, never on a Netty thread. */
    public Mono<byte[]> render(Invoice invoice) {
        return Mono.fromCallable(() -> renderNow(invoice)).subscribeOn(Schedulers.boundedElastic());
    }

    static byte[] renderNow(Invoice invoice) {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Invoice " + invoice.number());
            info.setAuthor("Coachwork");
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                Writer w = new Writer(text, PDRectangle.A4.getHeight() - MARGIN);
                w.line(bold, 20, "INVOICE");
                w.line(regular, 11, "Coachwork");
                w.gap(12);
                w.line(regular, 11, "Invoice number: " + invoice.number());
                w.line(regular, 11, "Issued: " + DATE.format(invoice.issuedAt()));
                w.line(regular, 11, "Status: " + invoice.status());
                w.line(regular, 11, "Billed to: tutor " + invoice.tutorId());
                w.line(regular, 11, "Tier: " + invoice.tier());
                w.line(regular, 11, "Period: " + period(invoice));
                w.gap(16);
                w.row(bold, "Description", "Amount");
                w.row(regular, subscriptionLine(invoice), money(invoice.subtotalMinor(), invoice.currency()));
                w.row(regular, taxLine(invoice), money(invoice.taxMinor(), invoice.currency()));
                w.gap(8);
                w.row(regular, "Subtotal", money(invoice.subtotalMinor(), invoice.currency()));
                w.row(regular, "Tax", money(invoice.taxMinor(), invoice.currency()));
                w.row(bold, "Total", money(invoice.totalMinor(), invoice.currency()));
                w.gap(16);
                w.line(regular, 9, "Paid from the tutor's Coachwork wallet; ledger transaction " + invoice.transactionRef() + ".");
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render invoice " + invoice.number(), e);
        }
    }

    static String subscriptionLine(Invoice invoice) {
        return "Subscription: " + invoice.tier() + " tier, " + period(invoice);
    }

    static String period(Invoice invoice) {
        return invoice.periodEnd() == null ? "period from " + DATE.format(invoice.periodStart())
                : DATE.format(invoice.periodStart()) + " to " + DATE.format(invoice.periodEnd());
    }

    static String taxLine(Invoice invoice) {
        return invoice.taxName() + " (" + invoice.taxRatePercent().stripTrailingZeros().toPlainString() + "%)";
    }

    /** {@code NGN 39.00}: the code, not a symbol, since the standard PDF fonts have no naira sign. */
    static String money(long minor, String currency) {
        BigDecimal major = BigDecimal.valueOf(minor, Units.fractionDigits(currency));
        return currency + " " + major.toPlainString();
    }

    /** Writes lines top-down; text outside printable ASCII (which the standard fonts cannot encode) shows as '?'. */
    private static final class Writer {

        private final PDPageContentStream stream;
        private float y;

        Writer(PDPageContentStream stream, float top) {
            this.stream = stream;
            this.y = top;
        }

        void line(PDType1Font font, float size, String text) throws IOException {
            y -= size * 1.5f;
            show(font, size, MARGIN, text);
        }

        void row(PDType1Font font, String label, String amount) throws IOException {
            y -= 16;
            show(font, 11, MARGIN, label);
            String shown = printable(amount);
            show(font, 11, AMOUNT_RIGHT - font.getStringWidth(shown) / 1000 * 11, shown);
        }

        void gap(float points) {
            y -= points;
        }

        private void show(PDType1Font font, float size, float x, String text) throws IOException {
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, y);
            stream.showText(printable(text));
            stream.endText();
        }

        private static String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
            return out.toString();
        }
    }
}

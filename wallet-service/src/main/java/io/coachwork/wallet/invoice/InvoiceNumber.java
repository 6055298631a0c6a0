package io.coachwork.wallet.invoice;

/** Invoice numbers: {@code CW-<year>-<sequence>}, the sequence gap-free within the year and at least six digits. */
public final class InvoiceNumber {

    public static final String PREFIX = "CW";

    private InvoiceNumber() {
    }

    public static String of(int year, long sequence) {
        if (year < 2000 || year > 9999 || sequence < 1) {
            throw new IllegalArgumentException("no invoice number for year " + year + " and sequence " + sequence);
        }
        return "%s-%04d-%06d".formatted(PREFIX, year, sequence);
    }
}

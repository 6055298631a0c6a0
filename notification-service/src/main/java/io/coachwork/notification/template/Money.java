package io.coachwork.notification.template;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Amounts as emails show them: minor units as major with grouping and two decimals ({@code 1,500.00 NGN}). */
public final class Money {

    private Money() {
    }

    public static String format(long minor, String currency) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(BigDecimal.valueOf(minor, 2)) + " " + currency;
    }
}

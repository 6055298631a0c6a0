package io.coachwork.wallet.payment;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code coachwork.payments.*}: the commission in percent of a tutor no subscription event has
 * mentioned yet (seed 000's free tier: 10.0).
 */
@ConfigurationProperties("coachwork.payments")
public record PaymentProperties(BigDecimal defaultCommissionRate) {

    public PaymentProperties {
        defaultCommissionRate = defaultCommissionRate == null ? new BigDecimal("10.0") : defaultCommissionRate;
        if (defaultCommissionRate.signum() < 0 || defaultCommissionRate.compareTo(CommissionSplit.MAX_RATE) > 0) {
            throw new IllegalArgumentException("coachwork.payments.default-commission-rate must be between 0 and 100");
        }
    }
}

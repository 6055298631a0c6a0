package io.coachwork.scheduling.statistics;

import io.coachwork.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Statistics as the API shows them: counts, rates in percent, money per currency in major units. */
public final class StatisticsViews {

    private StatisticsViews() {
    }

    /** One currency's earnings: sessions paid out, what students paid, the platform's commission, the tutor's net. */
    public record Earnings(String currency, long sessions, BigDecimal gross, BigDecimal commission, BigDecimal net) {

        static Earnings of(FactRepository.EarningSum s) {
            return new Earnings(s.currency(), s.sessions(), Money.of(s.grossMinor(), s.currency()).compact(),
                    Money.of(s.commissionMinor(), s.currency()).compact(), Money.of(s.netMinor(), s.currency()).compact());
        }
    }

    public record TutorStatistics(long tutorId, LocalDate from, LocalDate to, String timeZone, long totalSessions,
                                  long completedSessions, long cancelledSessions, long noShowSessions,
                                  BigDecimal completionRate, BigDecimal averageDurationMinutes, long uniqueStudents,
                                  long bookings, long cancelledBookings, BigDecimal cancellationRate,
                                  BigDecimal averageRating, long totalReviews, BigDecimal positiveReviewRate,
                                  List<Earnings> totalEarnings) {
    }

    public record AveragePrice(String currency, long bookings, BigDecimal averagePrice) {
    }

    public record Revenue(String currency, long sessions, BigDecimal revenue, BigDecimal commission,
                          BigDecimal tutorEarnings) {

        static Revenue of(FactRepository.EarningSum s) {
            return new Revenue(s.currency(), s.sessions(), Money.of(s.grossMinor(), s.currency()).compact(),
                    Money.of(s.commissionMinor(), s.currency()).compact(), Money.of(s.netMinor(), s.currency()).compact());
        }
    }

    public record Retention(LocalDate previousFrom, LocalDate previousTo, long activeCoachesBefore, long retainedCoaches,
                            BigDecimal coachRetentionRate) {
    }

    public record Satisfaction(long reviews, BigDecimal averageRating, BigDecimal satisfiedRate) {
    }

    public record PlatformStatistics(LocalDate from, LocalDate to, String timeZone, long activeCoaches,
                                     long totalSessions, long sessionsConducted, long cancelledSessions,
                                     BigDecimal completionRate, long bookings, long cancelledBookings,
                                     BigDecimal cancellationRate, List<AveragePrice> averageSessionPrice,
                                     List<Revenue> revenue, Retention coachRetention, Satisfaction studentSatisfaction) {
    }
}

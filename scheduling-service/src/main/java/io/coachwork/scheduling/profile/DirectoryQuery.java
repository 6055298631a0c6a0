package io.coachwork.scheduling.profile;

import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Numbers;
import io.coachwork.scheduling.support.Text;
import java.math.BigDecimal;

/**
 * The directory's filters and order as a student asks for them (seed 001: subject, price,
 * experience; rating; free time within N days), checked before any query runs. Prices are in major
 * units of the tutor's currency, compared with the subject's own rate when a subject is given.
 */
public record DirectoryQuery(String subject, BigDecimal minPrice, BigDecimal maxPrice, String experienceLevel,
                             BigDecimal minRating, Integer availableWithinDays, Sort sort, PageQuery page) {

    public static final int MAX_DAYS = 28;

    public enum Sort { RATING, PRICE, PRICE_DESC, SOONEST }

    public static DirectoryQuery of(String subject, String minPrice, String maxPrice, String experienceLevel,
                                    String minRating, String availableWithinDays, String sort, String page,
                                    String limit) {
        try {
            BigDecimal min = decimal("min_price", minPrice);
            BigDecimal max = decimal("max_price", maxPrice);
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw new InvalidInput("min_price", "min_price must not exceed max_price");
            }
            BigDecimal rating = decimal("min_rating", minRating);
            if (rating != null && rating.compareTo(BigDecimal.valueOf(5)) > 0) {
                throw new InvalidInput("min_rating", "min_rating must be between 0 and 5");
            }
            BigDecimal days = decimal("available_within_days", availableWithinDays);
            Integer within = days == null ? null
                    : Numbers.whole("available_within_days", days, 1, MAX_DAYS);
            return new DirectoryQuery(Text.optional("subject", subject, 80), min, max,
                    experienceLevel == null || experienceLevel.isBlank() ? null
                            : ProfileEdit.level("experience_level", experienceLevel),
                    rating, within, sort(sort), PageQuery.of(page, limit));
        } catch (InvalidInput e) {
            throw ApiException.invalidField(e.field(), e.getMessage());
        }
    }

    private static Sort sort(String value) {
        if (value == null || value.isBlank()) {
            return Sort.RATING;
        }
        return switch (value.trim().toLowerCase()) {
            case "rating" -> Sort.RATING;
            case "price" -> Sort.PRICE;
            case "-price", "price_desc" -> Sort.PRICE_DESC;
            case "soonest", "availability" -> Sort.SOONEST;
            default -> throw new InvalidInput("sort", "sort must be one of rating, price, -price, soonest");
        };
    }

    private static BigDecimal decimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value.trim());
            if (number.signum() < 0 || number.precision() - number.scale() > 12) {
                throw new InvalidInput(field, field + " must be a number between 0 and 999999999999");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, field + " must be a number");
        }
    }
}

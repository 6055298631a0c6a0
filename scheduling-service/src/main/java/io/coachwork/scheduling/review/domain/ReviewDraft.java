package io.coachwork.scheduling.review.domain;

import io.coachwork.scheduling.support.InvalidInput;
import io.coachwork.scheduling.support.Numbers;
import io.coachwork.scheduling.support.Text;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a participant submits (seed 001's SessionReview): an overall rating of 1 to 5, optional
 * category ratings of 1 to 5 and an optional written review. Numbers arrive as {@link BigDecimal}
 * so 0, 6, 4.5 or 2^63 are refused naming their field.
 */
public record ReviewDraft(int rating, Categories categories, String comment) {

    public static final int MAX_COMMENT = 5000;

    public static ReviewDraft of(BigDecimal rating, Map<String, BigDecimal> categories, String comment) {
        int overall = Numbers.whole("rating", rating, 1, 5);
        return new ReviewDraft(overall, Categories.of(categories), Text.optional("comment", comment, MAX_COMMENT));
    }

    /** Category ratings; null where the reviewer gave none. */
    public record Categories(Integer knowledge, Integer communication, Integer punctuality, Integer value) {

        public static final Categories NONE = new Categories(null, null, null, null);
        private static final Set<String> NAMES = Set.of("knowledge", "communication", "punctuality", "value");

        static Categories of(Map<String, BigDecimal> given) {
            if (given == null || given.isEmpty()) {
                return NONE;
            }
            for (String name : given.keySet()) {
                if (!NAMES.contains(name)) {
                    throw new InvalidInput("categories", "categories can only rate knowledge, communication, punctuality and value");
                }
            }
            return new Categories(rate(given, "knowledge"), rate(given, "communication"), rate(given, "punctuality"),
                    rate(given, "value"));
        }

        private static Integer rate(Map<String, BigDecimal> given, String name) {
            return Numbers.wholeOrNull("categories." + name, given.get(name), 1, 5);
        }

        /** The ratings given, by name, in a fixed order. */
        public Map<String, Integer> asMap() {
            Map<String, Integer> map = new LinkedHashMap<>();
            if (knowledge != null) {
                map.put("knowledge", knowledge);
            }
            if (communication != null) {
                map.put("communication", communication);
            }
            if (punctuality != null) {
                map.put("punctuality", punctuality);
            }
            if (value != null) {
                map.put("value", value);
            }
            return map;
        }
    }
}

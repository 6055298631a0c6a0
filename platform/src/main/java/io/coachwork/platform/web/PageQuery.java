package io.coachwork.platform.web;

import org.springframework.util.StringUtils;

/** {@code page} (from 1) and {@code limit} (default 20, at most 100) as every list endpoint reads them. */
public record PageQuery(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageQuery of(String page, String limit) {
        int p = parse("page", page, 1);
        int l = parse("limit", limit, DEFAULT_LIMIT);
        if (p < 1) {
            throw ApiException.invalidField("page", "page must be 1 or more");
        }
        if (l < 1 || l > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return new PageQuery(p, l);
    }

    private static int parse(String name, String value, int fallback) {
        if (!StringUtils.hasText(value)) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, name + " must be a whole number");
        }
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }
}

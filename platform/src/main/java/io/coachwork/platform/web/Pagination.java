package io.coachwork.platform.web;

/** The {@code pagination} block of every list response. */
public record Pagination(long total, int page, int limit, long pages) {

    public static Pagination of(long total, PageQuery query) {
        long pages = total == 0 ? 0 : (total + query.limit() - 1) / query.limit();
        return new Pagination(total, query.page(), query.limit(), pages);
    }
}

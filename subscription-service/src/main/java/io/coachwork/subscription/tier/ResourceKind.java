package io.coachwork.subscription.tier;

import java.util.Arrays;
import java.util.Optional;

/** What a tier limits. {@code key} names it in the API, {@code catalogType} in catalogue events. */
public enum ResourceKind {
    COURSES("courses", "course", "courses"),
    DIGITAL_DOWNLOADS("digital_downloads", "digital_download", "digital downloads"),
    COMMUNITIES("communities", "community", "communities"),
    MEMBERSHIPS("memberships", "membership", "memberships");

    private final String key;
    private final String catalogType;
    private final String label;

    ResourceKind(String key, String catalogType, String label) {
        this.key = key;
        this.catalogType = catalogType;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String catalogType() {
        return catalogType;
    }

    public String label() {
        return label;
    }

    public static Optional<ResourceKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static Optional<ResourceKind> byCatalogType(String type) {
        return Arrays.stream(values()).filter(k -> k.catalogType.equals(type)).findFirst();
    }
}

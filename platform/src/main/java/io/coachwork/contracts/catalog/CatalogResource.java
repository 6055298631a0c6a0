package io.coachwork.contracts.catalog;

/**
 * Payload of catalog.resource.created/deleted: a tutor's course, digital download, community or
 * membership. Schema: contracts/catalog-resource.schema.json.
 */
public record CatalogResource(long tutorId, String resourceType, String resourceId) {

    public static final String COURSE = "course";
    public static final String DIGITAL_DOWNLOAD = "digital_download";
    public static final String COMMUNITY = "community";
    public static final String MEMBERSHIP = "membership";
}

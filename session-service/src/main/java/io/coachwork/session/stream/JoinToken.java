package io.coachwork.session.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Seed 000's join-token answer; its field names are camelCase there, unlike the rest of the API. */
public record JoinToken(@JsonProperty("apiKey") String apiKey, @JsonProperty("token") String token,
                        @JsonProperty("streamCallId") String streamCallId, @JsonProperty("userId") String userId,
                        @JsonProperty("role") String role) {

    public static final String HOST = "host";
    public static final String USER = "user";
}

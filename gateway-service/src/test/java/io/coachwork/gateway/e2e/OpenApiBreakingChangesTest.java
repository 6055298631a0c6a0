package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.TestEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link OpenApiContractTest} counts as breaking, on small documents. */
class OpenApiBreakingChangesTest {

    private static final String STORED = """
            {"paths": {
              "/api/things": {
                "get": {"parameters": [{"name": "page", "in": "query", "required": false}],
                        "responses": {"200": {}, "401": {}}},
                "post": {"requestBody": {"required": true}, "responses": {"201": {}, "400": {}}}},
              "/api/things/{id}": {"delete": {"parameters": [{"name": "id", "in": "path", "required": true}],
                                              "responses": {"204": {}}}}}}
            """;

    private static JsonNode json(String text) {
        return TestEvents.json().readTree(text);
    }

    @Test
    void theSameDocumentWithNewPathsAndOperationsIsCompatible() {
        String grown = STORED.replace("\"/api/things/{id}\": {", "\"/api/new\": {\"get\": {\"responses\": {\"200\": {}}}},\n"
                + "\"/api/things/{id}\": {\"get\": {\"responses\": {\"200\": {}}}, ");
        assertThat(OpenApiContractTest.breakingChanges(json(STORED), json(grown))).isEmpty();
    }

    @Test
    void removedPathsOperationsParametersBodiesAndResponsesAreBreaking() {
        String served = """
                {"paths": {
                  "/api/things": {
                    "get": {"parameters": [{"name": "page", "in": "query", "required": true},
                                           {"name": "sort", "in": "query", "required": true}],
                            "responses": {"200": {}}}}}}
                """;
        assertThat(OpenApiContractTest.breakingChanges(json(STORED), json(served))).containsExactlyInAnyOrder(
                "removed path /api/things/{id}",
                "removed operation POST /api/things",
                "GET /api/things: parameter page became required",
                "GET /api/things: new required parameter sort",
                "GET /api/things: response 401 was removed");
    }

    @Test
    void aRemovedRequestBodyIsBreaking() {
        String served = STORED.replace("\"requestBody\": {\"required\": true}, ", "");
        assertThat(OpenApiContractTest.breakingChanges(json(STORED), json(served)))
                .containsExactly("POST /api/things: the request body was removed");
    }
}

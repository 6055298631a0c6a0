package io.coachwork.gateway.e2e;

import io.coachwork.platform.test.TestEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's OpenAPI, as the running service serves it through the gateway, still offers
 * everything docs/openapi/&lt;service&gt;.json promises: no path, operation, parameter, request body
 * or response code is removed, and no optional parameter or body became required. New paths and
 * operations are fine. After an intended change, refresh the files (see docs/openapi/README.md):
 * {@code ./mvnw -B verify -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false -Dcoachwork.openapi.refresh=true}
 */
class OpenApiContractTest extends EndToEndTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @ParameterizedTest
    @ValueSource(strings = {"subscription", "wallet", "session", "scheduling", "notification"})
    void servedOpenApiKeepsEveryDocumentedOperation(String service) throws IOException {
        byte[] body = gateway.get().uri("/v3/api-docs/" + service).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        ObjectNode served = (ObjectNode) TestEvents.json().readTree(body);
        Path file = repositoryRoot().resolve("docs/openapi/" + service + "-service.json");
        if (Boolean.getBoolean("coachwork.openapi.refresh")) {
            Files.createDirectories(file.getParent());
            // Without "servers": it names the random port of this run.
            ObjectNode document = served.deepCopy();
            document.remove("servers");
            Files.writeString(file, TestEvents.json().writer(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(document) + "\n");
        }
        assertThat(file).as("stored OpenAPI; create it with -Dcoachwork.openapi.refresh=true").exists();
        JsonNode stored = TestEvents.json().readTree(Files.readString(file));
        assertThat(breakingChanges(stored, served)).as(service + "-service against " + file).isEmpty();
    }

    static List<String> breakingChanges(JsonNode stored, JsonNode served) {
        List<String> problems = new ArrayList<>();
        stored.path("paths").properties().forEach(path -> {
            JsonNode servedPath = served.path("paths").path(path.getKey());
            if (servedPath.isMissingNode()) {
                problems.add("removed path " + path.getKey());
                return;
            }
            path.getValue().properties().stream().filter(op -> METHODS.contains(op.getKey())).forEach(op -> {
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode now = servedPath.path(op.getKey());
                if (now.isMissingNode()) {
                    problems.add("removed operation " + name);
                    return;
                }
                compareParameters(name, op.getValue(), now, problems);
                JsonNode body = op.getValue().path("requestBody");
                if (body.isMissingNode() && now.path("requestBody").path("required").asBoolean(false)) {
                    problems.add(name + ": a request body became required");
                } else if (!body.isMissingNode() && now.path("requestBody").isMissingNode()) {
                    problems.add(name + ": the request body was removed");
                }
                op.getValue().path("responses").propertyNames().forEach(code -> {
                    if (now.path("responses").path(code).isMissingNode()) {
                        problems.add(name + ": response " + code + " was removed");
                    }
                });
            });
        });
        return problems;
    }

    private static void compareParameters(String operation, JsonNode stored, JsonNode served, List<String> problems) {
        stored.path("parameters").forEach(p -> {
            JsonNode match = find(served.path("parameters"), p.path("name").asString(), p.path("in").asString());
            if (match == null) {
                problems.add(operation + ": parameter " + p.path("name").asString() + " was removed");
            } else if (!p.path("required").asBoolean(false) && match.path("required").asBoolean(false)) {
                problems.add(operation + ": parameter " + p.path("name").asString() + " became required");
            }
        });
        served.path("parameters").forEach(p -> {
            if (p.path("required").asBoolean(false)
                    && find(stored.path("parameters"), p.path("name").asString(), p.path("in").asString()) == null) {
                problems.add(operation + ": new required parameter " + p.path("name").asString());
            }
        });
    }

    private static JsonNode find(JsonNode parameters, String name, String in) {
        for (JsonNode p : parameters) {
            if (name.equals(p.path("name").asString()) && in.equals(p.path("in").asString())) {
                return p;
            }
        }
        return null;
    }

    private static Path repositoryRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }
}

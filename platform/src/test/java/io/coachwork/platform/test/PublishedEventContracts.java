package io.coachwork.platform.test;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The event contracts partners read: which CloudEvent types each topic carries (docs/asyncapi.yaml)
 * and the JSON Schema of each envelope and payload (platform/src/main/resources/contracts/). An
 * event checks out when its topic is a channel, its type a message of that channel, its envelope
 * valid CloudEvents and its {@code data} valid against the message's schema.
 */
public final class PublishedEventContracts {

    private static final String SCHEMA_REF_PREFIX = "#/components/schemas/";
    private static PublishedEventContracts instance;

    private final Schema envelope;
    /** topic -> CloudEvent type -> data schema. */
    private final Map<String, Map<String, Schema>> channels;

    private PublishedEventContracts(Schema envelope, Map<String, Map<String, Schema>> channels) {
        this.envelope = envelope;
        this.channels = channels;
    }

    public static synchronized PublishedEventContracts load() {
        if (instance == null) {
            instance = read(findAsyncApi());
        }
        return instance;
    }

    /** What is wrong with an event published to {@code topic}; empty when it matches its contract. */
    public List<String> violations(String topic, String type, String payload) {
        Map<String, Schema> messages = channels.get(topic);
        if (messages == null) {
            return List.of("topic " + topic + " is not a channel of docs/asyncapi.yaml");
        }
        Schema data = messages.get(type);
        if (data == null) {
            return List.of(type + " is not a message of channel " + topic + " in docs/asyncapi.yaml");
        }
        List<String> problems = new ArrayList<>();
        envelope.validate(payload, InputFormat.JSON).forEach(e -> problems.add("envelope: " + e));
        JsonNode event = TestEvents.json().readTree(payload);
        if (!type.equals(event.path("type").asString(""))) {
            problems.add("envelope type " + event.path("type") + " differs from the outbox type " + type);
        }
        data.validate(event.path("data")).forEach(e -> problems.add("data: " + e));
        return problems;
    }

    private static PublishedEventContracts read(Path asyncApi) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        JsonNode doc;
        try {
            doc = YAMLMapper.builder().build().readTree(Files.readString(asyncApi));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Schema> schemas = new HashMap<>();
        doc.path("components").path("schemas").properties().forEach(entry ->
                schemas.put(entry.getKey(), contractSchema(registry, entry.getValue().path("$ref").asString())));
        Map<String, Map<String, Schema>> channels = new HashMap<>();
        doc.path("channels").values().forEach(channel -> {
            Map<String, Schema> byType = new HashMap<>();
            channel.path("messages").values().forEach(ref -> {
                JsonNode message = resolve(doc, ref.path("$ref").asString());
                String dataRef = message.path("payload").path("allOf").get(1).path("properties").path("data")
                        .path("$ref").asString();
                byType.put(message.path("name").asString(), schemas.get(dataRef.substring(SCHEMA_REF_PREFIX.length())));
            });
            channels.put(channel.path("address").asString(), byType);
        });
        return new PublishedEventContracts(schemas.get("CloudEvent"), channels);
    }

    /** A components.schemas entry points at a contract file; the same file is on the classpath. */
    private static Schema contractSchema(SchemaRegistry registry, String fileRef) {
        String file = fileRef.substring(fileRef.lastIndexOf('/') + 1);
        try (InputStream in = PublishedEventContracts.class.getResourceAsStream("/contracts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("docs/asyncapi.yaml refers to " + fileRef + ", not on the classpath as /contracts/" + file);
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode resolve(JsonNode doc, String pointer) {
        return doc.at(pointer.substring(1));
    }

    /** docs/asyncapi.yaml of the repository the tests run in (a module directory or the root). */
    private static Path findAsyncApi() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/asyncapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
    }
}

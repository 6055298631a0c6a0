package io.coachwork.contracts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's Strimzi KafkaTopic list is written by hand; a topic added to Topics must reach it too. */
class TopicsInHelmChartTest {

    @Test
    void theChartDefinesEveryTopicOfTopicsAndNoOther() throws IllegalAccessException {
        List<String> expected = new ArrayList<>();
        for (var field : Topics.class.getFields()) {
            expected.add((String) field.get(null));
        }
        JsonNode values = new YAMLMapper().readTree(chartValues().toFile());
        List<String> charted = new ArrayList<>();
        values.path("kafkaTopics").path("topics").forEach(topic -> charted.add(topic.asString()));
        assertThat(charted).containsExactlyElementsOf(expected);
    }

    private static Path chartValues() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("helm/coachwork/values.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("helm/coachwork/values.yaml not found above " + Path.of("").toAbsolutePath());
    }
}

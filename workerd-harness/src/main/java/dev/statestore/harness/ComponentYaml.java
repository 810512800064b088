package dev.statestore.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Renders a Dapr {@code Component} YAML document. */
public final class ComponentYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private ComponentYaml() {
    }

    /** Returns the YAML of a component with the given name, type and metadata. */
    public static String render(String name, String type, Map<String, String> metadata) {
        ObjectNode root = YAML.createObjectNode();
        root.put("apiVersion", "dapr.io/v1alpha1");
        root.put("kind", "Component");
        root.putObject("metadata").put("name", name);
        ObjectNode spec = root.putObject("spec");
        spec.put("type", type);
        spec.put("version", "v1");
        ArrayNode entries = spec.putArray("metadata");
        metadata.forEach((field, value) -> entries.addObject().put("name", field).put("value", value));
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the component YAML", e);
        }
    }
}

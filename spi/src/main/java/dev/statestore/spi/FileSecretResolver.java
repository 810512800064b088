package dev.statestore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code secretKeyRef} from a local JSON or YAML file, like Dapr's {@code secretstores.local.file}:
 * nested objects are flattened with {@code :} between the levels, so {@code {"db": {"password": "x"}}} has the
 * secret {@code db:password}. A reference with {@code name: db} and {@code key: password} finds it too.
 * {@link StateStores} uses the file named by the system property {@value #PROPERTY} or, when that is unset, the
 * environment variable {@value #ENVIRONMENT}.
 */
public final class FileSecretResolver implements SecretResolver {
    public static final String PROPERTY = "statestore.secrets.file";
    public static final String ENVIRONMENT = "STATESTORE_SECRETS_FILE";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final Map<String, String> secrets;

    /** Reads {@code file} now, so that a missing or invalid file is reported before any component is used. */
    public FileSecretResolver(Path file) {
        this.file = file;
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidComponentException("Cannot read the secrets file " + file + ": " + e.getMessage()
                    + ". Fix the file, or unset " + PROPERTY + " and " + ENVIRONMENT + ".", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidComponentException("The secrets file " + file + " is not a JSON or YAML object of "
                    + "names and values.");
        }
        Map<String, String> flattened = new LinkedHashMap<>();
        flatten("", root, flattened);
        this.secrets = Map.copyOf(flattened);
    }

    /** Returns the resolver of the configured secrets file, if one is configured. */
    static Optional<FileSecretResolver> configured() {
        String setting = System.getProperty(PROPERTY);
        if (setting == null || setting.isBlank()) {
            setting = System.getenv(ENVIRONMENT);
        }
        return setting == null || setting.isBlank() ? Optional.empty()
                : Optional.of(new FileSecretResolver(Path.of(setting.trim())));
    }

    @Override
    public Optional<String> resolve(String secretStore, String name, String key) {
        if (key != null && secrets.containsKey(name + ":" + key)) {
            return Optional.of(secrets.get(name + ":" + key));
        }
        if (key != null && secrets.containsKey(key) && key.equals(name)) {
            return Optional.of(secrets.get(key));
        }
        return Optional.ofNullable(secrets.get(name));
    }

    /** Names the file and the number of secrets, never a value. */
    @Override
    public String toString() {
        return "FileSecretResolver{file=" + file + ", secrets=" + secrets.size() + "}";
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix.isEmpty() ? field.getKey() : prefix + ":" + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(name, value, out);
            } else if (value.isValueNode()) {
                out.put(name, value.asText());
            }
        }
    }
}

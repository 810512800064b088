package dev.statestore.spi;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Dapr {@code Component} YAML files: {@code apiVersion}, {@code kind}, {@code metadata.name},
 * {@code spec.type}, {@code spec.version}, {@code spec.initTimeout} and {@code spec.metadata} entries with
 * {@code value} or {@code secretKeyRef}. A file may hold several components as YAML documents.
 */
public final class ComponentFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Fields of a Dapr Component spec; {@code ignoreErrors} is accepted and has no effect here. */
    private static final List<String> SPEC_FIELDS = List.of("type", "version", "initTimeout", "ignoreErrors",
            "metadata");

    private ComponentFiles() {
    }

    /** Reads every component of a file, resolving secrets with {@code secrets}. */
    public static List<Component> read(Path file, List<SecretResolver> secrets) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidComponentException("Component file " + file + " not found: check the path.", e);
        } catch (IOException e) {
            throw new InvalidComponentException("Cannot read component file " + file + ": " + e.getMessage(), e);
        }
        List<Component> components = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text);
                MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            while (documents.hasNextValue()) {
                JsonLocation start = parser.currentTokenLocation();
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                components.add(toComponent(new Where(file, text.split("\n", -1), start.getLineNr(), start.getLineNr()),
                        document, secrets));
            }
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String line = location == null ? "" : " at line " + location.getLineNr();
            throw new InvalidComponentException("Component file " + file + " is not valid YAML" + line + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidComponentException("Cannot read component file " + file + ": " + e.getMessage(), e);
        }
        if (components.isEmpty()) {
            throw new InvalidComponentException("Component file " + file + " contains no component: add a document "
                    + "with kind: Component and spec.type.");
        }
        return components;
    }

    private static Component toComponent(Where where, JsonNode document, List<SecretResolver> secrets) {
        if (!document.isObject()) {
            throw where.invalid("the document", "is not a mapping; write a Component with apiVersion, kind, "
                    + "metadata and spec");
        }
        String kind = optionalText(document, "kind", "kind", where).orElse("Component");
        if (!kind.equals("Component")) {
            throw where.invalid("kind", "is '" + kind + "'; only kind: Component is read");
        }

        JsonNode spec = document.get("spec");
        if (spec == null || !spec.isObject()) {
            throw where.invalid("spec", "is missing; add spec.type, spec.version and spec.metadata");
        }
        checkSpecFields(spec, where);

        String name = Optional.ofNullable(document.get("metadata"))
                .flatMap(meta -> optionalText(meta, "name", "metadata.name", where)).orElse(null);
        String type = optionalText(spec, "type", "spec.type", where)
                .orElseThrow(() -> where.invalid("spec.type", "is missing; set it, for example to state.in-memory"));
        String version = optionalText(spec, "version", "spec.version", where).orElse("v1");

        Optional<Duration> initTimeout = optionalText(spec, "initTimeout", "spec.initTimeout", where).map(text -> {
            try {
                return GoDurations.parse(text);
            } catch (IllegalArgumentException e) {
                throw where.invalid("spec.initTimeout", e.getMessage());
            }
        });

        String secretStore = Optional.ofNullable(document.get("auth"))
                .flatMap(auth -> optionalText(auth, "secretStore", "auth.secretStore", where)).orElse(null);
        Map<String, String> metadata = readMetadata(spec.get("metadata"), secretStore, secrets, where);
        return new Component(name == null ? type : name, type, version, initTimeout, metadata,
                Optional.of(where.file()));
    }

    private static void checkSpecFields(JsonNode spec, Where where) {
        for (Iterator<String> keys = spec.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!SPEC_FIELDS.contains(key)) {
                throw where.locate(key + ":").invalid("spec." + key, "is not a field of a Component spec; use "
                        + SPEC_FIELDS + " (check the spelling)");
            }
        }
    }

    private static Map<String, String> readMetadata(JsonNode entries, String secretStore,
            List<SecretResolver> secrets, Where where) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (entries == null || entries.isNull()) {
            return metadata;
        }
        if (!entries.isArray()) {
            throw where.invalid("spec.metadata", "is not a list; write entries of the form '- name: x' "
                    + "with 'value: y'");
        }
        for (int index = 0; index < entries.size(); index++) {
            JsonNode entry = entries.get(index);
            String field = "spec.metadata[" + index + "]";
            Where entryWhere = where.locate("spec:").locate("metadata:").listItem(index);
            String name = optionalText(entry, "name", where)
                    .orElseThrow(() -> entryWhere.invalid(field + ".name", "is missing"));
            Where named = where.locate("name:", name);
            for (Iterator<String> keys = entry.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (!List.of("name", "value", "secretKeyRef").contains(key)) {
                    throw named.locate(key).invalid(field + "." + key + " (metadata '" + name + "')",
                            "is not a known field; use value or secretKeyRef");
                }
            }
            if (metadata.containsKey(name)) {
                throw named.next("name:", name).invalid(field, "sets metadata '" + name
                        + "' a second time; keep one entry");
            }
            JsonNode value = entry.get("value");
            JsonNode secretRef = entry.get("secretKeyRef");
            if (value != null && secretRef != null) {
                throw named.invalid(field + " (metadata '" + name + "')", "has both value and secretKeyRef; keep one");
            }
            if (secretRef != null) {
                metadata.put(name, resolveSecret(name, secretRef, secretStore, secrets, named.locate("secretKeyRef")));
            } else if (value == null || value.isNull()) {
                metadata.put(name, "");
            } else if (value.isValueNode()) {
                metadata.put(name, value.asText());
            } else {
                throw named.locate("value").invalid(field + ".value (metadata '" + name + "')",
                        "is " + describe(value) + "; write a string");
            }
        }
        return metadata;
    }

    private static String resolveSecret(String field, JsonNode ref, String secretStore,
            List<SecretResolver> secrets, Where where) {
        String name = optionalText(ref, "name", where).orElseThrow(
                () -> where.invalid("secretKeyRef.name of metadata '" + field + "'", "is missing"));
        String key = optionalText(ref, "key", where).orElse(null);
        for (SecretResolver resolver : secrets) {
            Optional<String> secret = resolver.resolve(secretStore, name, key);
            if (secret.isPresent()) {
                return secret.get();
            }
        }
        throw where.invalid("secretKeyRef of metadata '" + field + "'", "names secret '" + name + "'"
                + (key == null ? "" : " key '" + key + "'") + ", which no secret resolver has; set the "
                + "environment variable " + (key == null ? name : key) + " or add it to the secrets file");
    }

    private static Optional<String> optionalText(JsonNode node, String field, Where where) {
        return optionalText(node, field, field, where);
    }

    /** Reads a string field; {@code path} names it in messages, for example {@code spec.type}. */
    private static Optional<String> optionalText(JsonNode node, String field, String path, Where where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw where.invalid(path, "is " + describe(value) + "; write a string");
        }
        return Optional.of(value.asText());
    }

    private static String describe(JsonNode value) {
        return value.isArray() ? "a list" : value.isObject() ? "a mapping" : "not a string";
    }

    /**
     * Position in a component file for error messages: the line a problem is on and the line its YAML document
     * starts on. Jackson's tree keeps no positions, so {@link #locate} finds the line of a field by searching the
     * text from the current line on; a field spelt in an unusual way may be reported at its document's start.
     */
    private record Where(Path file, String[] lines, int documentLine, int line) {

        /** Returns the position of the first line at or after this one that contains every fragment. */
        Where locate(String... fragments) {
            return search(Math.max(line - 1, 0), fragments);
        }

        /** Returns the position of the list item {@code index} (from 0) of a YAML block list after this line. */
        Where listItem(int index) {
            int seen = -1;
            for (int line = this.line; line < lines.length; line++) {
                if (lines[line].stripLeading().startsWith("- ") && ++seen == index) {
                    return new Where(file, lines, documentLine, line + 1);
                }
            }
            return this;
        }

        /** Returns the position of the first line after this one that contains every fragment. */
        Where next(String... fragments) {
            return search(line, fragments);
        }

        private Where search(int fromIndex, String... fragments) {
            for (int index = fromIndex; index < lines.length; index++) {
                String candidate = lines[index];
                boolean found = true;
                for (String fragment : fragments) {
                    found &= candidate.contains(fragment);
                }
                if (found) {
                    return new Where(file, lines, documentLine, index + 1);
                }
            }
            return this;
        }

        InvalidComponentException invalid(String field, String problem) {
            String position = line == documentLine ? "document starting at line " + line
                    : "line " + line + ", in the document starting at line " + documentLine;
            return new InvalidComponentException("Invalid component in " + file + " (" + position + "): " + field
                    + " " + problem + ".");
        }
    }
}

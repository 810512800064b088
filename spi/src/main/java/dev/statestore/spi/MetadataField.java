package dev.statestore.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Description of one metadata field of a provider.
 *
 * @param name the field name as written in a component file
 * @param required whether the component must set it
 * @param sensitive whether its value is a secret, redacted in every log line and message
 * @param defaultValue the value used when the field is absent, if any
 * @param description what the field sets
 * @param example an example value
 */
public record MetadataField(String name, boolean required, boolean sensitive, Optional<String> defaultValue,
        String description, String example) {

    public MetadataField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(example, "example");
    }
}

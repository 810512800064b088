package dev.statestore.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A resolved component: what a Dapr {@code Component} file declares, with secrets already resolved.
 * {@link #toString()} names the metadata fields but never prints their values.
 *
 * @param name the component name ({@code metadata.name}), used by the {@code name} key prefix
 * @param type the component type, for example {@code state.in-memory}
 * @param version the component version, for example {@code v1}
 * @param initTimeout the bound on start-up, when set
 * @param metadata the metadata fields and their values
 * @param source the file the component came from, when it came from one
 */
public record Component(String name, String type, String version, Optional<Duration> initTimeout,
        Map<String, String> metadata, Optional<Path> source) {

    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(initTimeout, "initTimeout");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(source, "source");
    }

    /** Creates a component of {@code type} version {@code v1} named after its type. */
    public static Component of(String type, Map<String, String> metadata) {
        return new Component(type, type, "v1", Optional.empty(), metadata, Optional.empty());
    }

    /** Describes where this component came from, for error messages. */
    public String origin() {
        return source.map(path -> "component '" + name + "' in " + path).orElse("component '" + name + "'");
    }

    @Override
    public String toString() {
        return "Component{name='" + name + "', type='" + type + "', version='" + version + "'"
                + initTimeout.map(timeout -> ", initTimeout=" + timeout).orElse("")
                + ", metadataFields=" + new TreeSet<>(metadata.keySet())
                + source.map(path -> ", source=" + path).orElse("") + "}";
    }
}

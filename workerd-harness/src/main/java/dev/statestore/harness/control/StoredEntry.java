package dev.statestore.harness.control;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry as the simulated KV stores it.
 *
 * @param name the stored key name
 * @param value the stored bytes
 * @param expiration the absolute expiration, when set
 * @param metadata the KV metadata as JSON text, when set
 */
public record StoredEntry(String name, byte[] value, Optional<Instant> expiration, Optional<String> metadata) {

    public String valueAsString() {
        return new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}

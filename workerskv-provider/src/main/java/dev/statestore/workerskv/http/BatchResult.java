package dev.statestore.workerskv.http;

import java.util.Optional;

/**
 * The Worker's result for one operation of a batch.
 *
 * @param status the HTTP-like status: 200 found, 404 absent, 201 written, 204 deleted, 4xx or 5xx failed
 * @param value the value of a found key
 * @param expiration the expiration of a found key in Unix seconds, when it has one
 * @param contentType the content type of a found key, when it has one
 * @param error the Worker's reason for a failed operation
 */
public record BatchResult(int status, byte[] value, Optional<Long> expiration, Optional<String> contentType,
        Optional<String> error) {
}

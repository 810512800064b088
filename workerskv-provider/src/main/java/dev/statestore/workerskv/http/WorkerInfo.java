package dev.statestore.workerskv.http;

import java.util.List;
import java.util.Set;

/**
 * A Worker's description of itself, from {@code GET /.well-known/dapr/info}.
 *
 * @param version the Worker's protocol version, a date such as {@code 20221219}
 * @param namespaces the KV bindings the Worker has
 * @param extensions the extensions of this project's Worker that it advertises; empty for a basic Worker
 * @param batchMaxKeys the maximum number of operations in one batch request, 0 without batch support
 * @param batchMaxBytes the maximum size of one batch request body, 0 without batch support
 */
public record WorkerInfo(String version, List<String> namespaces, Set<String> extensions, int batchMaxKeys,
        long batchMaxBytes) {
    /** Oldest Worker protocol version that this provider accepts. */
    public static final String MIN_VERSION = "20221219";

    public WorkerInfo {
        namespaces = List.copyOf(namespaces);
        extensions = Set.copyOf(extensions);
    }

    public boolean isAtLeast(String otherVersion) {
        return version.compareTo(otherVersion) >= 0 && version.length() == otherVersion.length();
    }

    public boolean supports(String extension) {
        return extensions.contains(extension);
    }
}

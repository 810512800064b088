package dev.statestore.workerskv.deploy;

import dev.statestore.workerskv.http.WorkerInfo;
import java.util.Optional;

/**
 * Result of reading a managed Worker's info route: a current Worker, or the reason it needs an upload.
 *
 * @param info what the Worker reported, empty when the info route failed
 * @param problem why the Worker needs an upload, or null when it is current
 */
record WorkerCheck(Optional<WorkerInfo> info, String problem) {

    /**
     * Judges what a Worker reported: it is current when its version is at least {@code bundledVersion} and it has
     * a KV binding named {@code namespaceId}. A newer Worker counts as current, so a provider of an older
     * release never downgrades the Worker that a newer one uploaded.
     */
    static WorkerCheck of(WorkerInfo info, String bundledVersion, String namespaceId) {
        if (!info.isAtLeast(bundledVersion)) {
            return new WorkerCheck(Optional.of(info), "the Worker reports version '" + info.version()
                    + "', older than the bundled " + bundledVersion);
        }
        if (!info.namespaces().contains(namespaceId)) {
            return new WorkerCheck(Optional.of(info), "the Worker has no KV binding named '" + namespaceId + "' (it has "
                    + info.namespaces() + ")");
        }
        return new WorkerCheck(Optional.of(info), null);
    }

    /** Records that the info route failed, for example with 404, 401 or a refused connection. */
    static WorkerCheck failed(String reason) {
        return new WorkerCheck(Optional.empty(), "the Worker's info route failed: " + reason);
    }

    boolean isCurrent() {
        return problem == null;
    }
}

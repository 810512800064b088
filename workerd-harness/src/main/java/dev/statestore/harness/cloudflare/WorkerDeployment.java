package dev.statestore.harness.cloudflare;

import dev.statestore.worker.WorkerScript;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration of the Worker that the fake runs at its Worker URL: a script with one KV binding (named after its
 * namespace ID), the {@code PUBLIC_KEY} and the {@code TOKEN_AUDIENCE}. Comes from an upload, or from a test
 * that deploys a Worker before the provider starts.
 *
 * @param script the ES module source
 * @param namespaceId the KV namespace bound to the Worker, under the same name
 * @param publicKeyPem the SPKI PEM public key the Worker verifies tokens with
 * @param tokenAudience the audience the Worker expects in tokens
 */
public record WorkerDeployment(String script, String namespaceId, String publicKeyPem, String tokenAudience) {
    private static final Pattern VERSION = Pattern.compile("const WORKER_VERSION = \"\\d{8}\";");

    public WorkerDeployment {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(namespaceId, "namespaceId");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(tokenAudience, "tokenAudience");
    }

    /** Returns the bundled {@code worker.js} with these bindings. */
    public static WorkerDeployment bundled(String namespaceId, String publicKeyPem, String tokenAudience) {
        return new WorkerDeployment(WorkerScript.source(), namespaceId, publicKeyPem, tokenAudience);
    }

    /** Returns a copy whose script reports {@code version} (eight digits, a date) on its info route. */
    public WorkerDeployment withScriptVersion(String version) {
        if (!version.matches("\\d{8}")) {
            throw new IllegalArgumentException("Invalid Worker version '" + version + "': use a date such as 20221219");
        }
        Matcher matcher = VERSION.matcher(script);
        if (!matcher.find()) {
            throw new IllegalStateException("The script declares no WORKER_VERSION constant to replace.");
        }
        String replaced = matcher.replaceFirst(Matcher.quoteReplacement("const WORKER_VERSION = \"" + version + "\";"));
        return new WorkerDeployment(replaced, namespaceId, publicKeyPem, tokenAudience);
    }

    /** Returns a copy bound to another KV namespace, so it has no binding of the original one. */
    public WorkerDeployment withNamespaceId(String otherNamespaceId) {
        return new WorkerDeployment(script, otherNamespaceId, publicKeyPem, tokenAudience);
    }

    /** Returns the version the script declares. */
    public String scriptVersion() {
        return WorkerScript.versionOf(script);
    }

    @Override
    public String toString() {
        return "WorkerDeployment{scriptChars=" + script.length() + ", namespaceId='" + namespaceId
                + "', tokenAudience='" + tokenAudience + "'}";
    }
}

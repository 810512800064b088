package dev.statestore.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled {@code worker.js}: the Worker that fronts Workers KV. The provider uploads this very file when
 * it manages the Worker, and the harness runs it in {@code workerd}.
 */
public final class WorkerScript {
    /** Class-path resource of the script. */
    public static final String RESOURCE = "/dev/statestore/worker/worker.js";
    /** Module name under which the script is uploaded and run. */
    public static final String MODULE_NAME = "worker.js";
    /** Compatibility date the script is written for. */
    public static final String COMPATIBILITY_DATE = "2024-09-23";

    private static final Pattern VERSION = Pattern.compile("const WORKER_VERSION = \"(\\d{8})\";");

    private static final String SOURCE = load();

    private WorkerScript() {
    }

    /** Returns the script's source text. */
    public static String source() {
        return SOURCE;
    }

    /** Returns the protocol version the script reports on its info route, a date such as {@code 20261204}. */
    public static String version() {
        return versionOf(SOURCE);
    }

    /** Returns the version declared by a Worker script's {@code WORKER_VERSION} constant. */
    public static String versionOf(String source) {
        Matcher matcher = VERSION.matcher(source);
        if (!matcher.find()) {
            throw new IllegalStateException("The Worker script declares no WORKER_VERSION constant.");
        }
        return matcher.group(1);
    }

    private static String load() {
        try (InputStream in = WorkerScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing from the class path.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}

package dev.statestore.benchmarks.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Worker scripts that the benchmarks serve next to the Worker under test: a copy of it with authentication
 * disabled, and a no-op Worker that touches neither a token nor KV. These exist only in temporary folders, because
 * no switch in {@code worker.js} turns its authentication off.
 */
public final class WorkerScripts {
    /** The declaration that {@link #withoutAuthentication} replaces, which must occur exactly once. */
    static final String AUTHENTICATE_DECLARATION = "async function authenticate(";
    static final String DISABLED_DECLARATION = "async function authenticateWithToken(";

    private WorkerScripts() {
    }

    /**
     * Returns {@code source} with its {@code authenticate} function renamed and replaced by one that accepts
     * every request, so each route runs exactly as before minus the token checks. Throws when the script
     * does not declare {@value #AUTHENTICATE_DECLARATION} exactly once, naming the script by {@code origin}.
     */
    public static String withoutAuthentication(String source, String origin) {
        int first = source.indexOf(AUTHENTICATE_DECLARATION);
        if (first < 0 || source.indexOf(AUTHENTICATE_DECLARATION, first + 1) >= 0) {
            throw new IllegalArgumentException("Cannot disable authentication in Worker script " + origin
                    + ": it must declare '" + AUTHENTICATE_DECLARATION + "' exactly once, as worker.js does, but "
                    + (first < 0 ? "declares none" : "declares it more than once")
                    + ". Pass --skip-wrk to run without the authentication comparison.");
        }
        return source.replace(AUTHENTICATE_DECLARATION, DISABLED_DECLARATION)
                + "\n// Added by the statestore benchmarks: every request counts as authenticated.\n"
                + "async function authenticate() {\n"
                + "  return true;\n"
                + "}\n";
    }

    /** Returns a Worker that responds to every request with 200 and {@code bodyBytes} bytes of {@code x}. */
    public static String noOpWorker(int bodyBytes) {
        if (bodyBytes < 0) {
            throw new IllegalArgumentException("bodyBytes must not be negative, not " + bodyBytes);
        }
        return "// No-op Worker of the statestore benchmarks: no authentication, no KV, a fixed body.\n"
                + "const BODY = \"x\".repeat(" + bodyBytes + ");\n"
                + "\n"
                + "export default {\n"
                + "  async fetch() {\n"
                + "    const headers = { \"Content-Type\": \"application/octet-stream\" };\n"
                + "    return new Response(BODY, { status: 200, headers });\n"
                + "  },\n"
                + "};\n";
    }

    /** Writes {@code source} to {@code directory/fileName} and returns the file. */
    public static Path write(Path directory, String fileName, String source) {
        Path file = directory.resolve(fileName);
        try {
            Files.createDirectories(directory);
            Files.writeString(file, source, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Worker script " + file, e);
        }
    }
}

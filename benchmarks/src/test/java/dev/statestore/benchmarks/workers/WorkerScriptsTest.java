package dev.statestore.benchmarks.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.worker.WorkerScript;
import org.junit.jupiter.api.Test;

class WorkerScriptsTest {

    @Test
    void authenticationIsReplacedOnce() {
        String source = WorkerScript.source();

        String changed = WorkerScripts.withoutAuthentication(source, "worker.js");

        assertEquals(1, occurrences(changed, WorkerScripts.AUTHENTICATE_DECLARATION));
        assertEquals(1, occurrences(changed, WorkerScripts.DISABLED_DECLARATION));
        assertTrue(changed.endsWith("async function authenticate() {\n  return true;\n}\n"), changed);
        assertTrue(changed.startsWith(source.substring(0, source.indexOf(WorkerScripts.AUTHENTICATE_DECLARATION))));
        assertEquals(WorkerScript.version(), WorkerScript.versionOf(changed));
    }

    @Test
    void scriptWithoutAuthenticateIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WorkerScripts.withoutAuthentication("export default {}", "/tmp/other.js"));

        assertTrue(error.getMessage().contains("/tmp/other.js"), error.getMessage());
        assertTrue(error.getMessage().contains("declares none"), error.getMessage());
        assertTrue(error.getMessage().contains("--skip-wrk"), error.getMessage());
    }

    @Test
    void scriptWithTwoDeclarationsIsRejected() {
        String twice = "async function authenticate(a) {}\nasync function authenticate(b) {}\n";

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WorkerScripts.withoutAuthentication(twice, "twice.js"));

        assertTrue(error.getMessage().contains("more than once"), error.getMessage());
    }

    @Test
    void noOpWorkerHasTheBodySize() {
        String script = WorkerScripts.noOpWorker(100);

        assertTrue(script.contains("\"x\".repeat(100)"), script);
        assertTrue(script.contains("export default"), script);
        assertThrows(IllegalArgumentException.class, () -> WorkerScripts.noOpWorker(-1));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}

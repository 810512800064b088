package dev.statestore.workerskv.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.workerskv.http.WorkerInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerCheckTest {
    private static final String BUNDLED = "20261204";

    @Test
    void sameVersionWithNamespaceIsCurrent() {
        WorkerCheck check = WorkerCheck.of(info("20261204", "ns"), BUNDLED, "ns");

        assertTrue(check.isCurrent());
        assertEquals("20261204", check.info().orElseThrow().version());
    }

    @Test
    void newerVersionIsCurrent() {
        assertTrue(WorkerCheck.of(info("20270101", "ns"), BUNDLED, "ns").isCurrent());
    }

    @Test
    void olderVersionNeedsUpload() {
        WorkerCheck check = WorkerCheck.of(info("20221219", "ns"), BUNDLED, "ns");

        assertFalse(check.isCurrent());
        assertEquals("the Worker reports version '20221219', older than the bundled 20261204", check.problem());
    }

    @Test
    void malformedVersionNeedsUpload() {
        assertFalse(WorkerCheck.of(info("", "ns"), BUNDLED, "ns").isCurrent());
        assertFalse(WorkerCheck.of(info("999999999", "ns"), BUNDLED, "ns").isCurrent());
    }

    @Test
    void missingNamespaceNeedsUpload() {
        WorkerCheck check = WorkerCheck.of(info(BUNDLED, "other"), BUNDLED, "ns");

        assertFalse(check.isCurrent());
        assertEquals("the Worker has no KV binding named 'ns' (it has [other])", check.problem());
    }

    @Test
    void failedInfoNeedsUpload() {
        WorkerCheck check = WorkerCheck.failed("HTTP 404");

        assertFalse(check.isCurrent());
        assertTrue(check.info().isEmpty());
        assertEquals("the Worker's info route failed: HTTP 404", check.problem());
    }

    private static WorkerInfo info(String version, String namespace) {
        return new WorkerInfo(version, List.of(namespace), Set.of(), 0, 0);
    }
}

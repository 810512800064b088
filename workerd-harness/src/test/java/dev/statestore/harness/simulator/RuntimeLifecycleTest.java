package dev.statestore.harness.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStore;
import dev.statestore.harness.DockerRequirement;
import dev.statestore.harness.WorkerdKvContainer;
import dev.statestore.harness.WorkerdKvProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, restart with persistence, parallel instances and clean shutdown of both runtimes. */
class RuntimeLifecycleTest {

    @Test
    void processRestartKeepsPersistedWrites(@TempDir Path data) {
        try (WorkerdKvProcess emulator = new WorkerdKvProcess().withPersistence(data)) {
            emulator.start();
            try (StateStore store = emulator.openStateStore()) {
                for (int i = 0; i < 50; i++) {
                    store.set("key " + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            long firstPid = emulator.pid();

            emulator.kill();
            assertFalse(emulator.isRunning());
            emulator.restart();

            assertNotEquals(firstPid, emulator.pid());
            try (StateStore store = emulator.openStateStore()) {
                for (int i = 0; i < 50; i++) {
                    assertEquals("value " + i, store.get("key " + i).orElseThrow().valueAsString());
                }
            }
        }
    }

    @Test
    void containerRestartKeepsPersistedWrites(@TempDir Path data) {
        DockerRequirement.check();
        WorkerdKvContainer first = new WorkerdKvContainer().withPersistence(data);
        first.start();
        try (StateStore store = first.openStateStore()) {
            store.set("survivor", "still here".getBytes(StandardCharsets.UTF_8));
        }
        String containerId = first.getContainerId();
        first.close();
        assertFalse(first.isRunning(), "container " + containerId + " must be stopped");

        try (WorkerdKvContainer second = new WorkerdKvContainer().withPersistence(data)
                .withKeyPair(first.keyPair())) {
            second.start();
            try (StateStore store = second.openStateStore()) {
                assertEquals("still here", store.get("survivor").orElseThrow().valueAsString());
            }
        }
    }

    @Test
    void parallelProcessesAreIndependent() {
        List<WorkerdKvProcess> emulators = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                emulators.add(new WorkerdKvProcess());
            }
            CompletableFuture.allOf(emulators.stream()
                    .map(emulator -> CompletableFuture.runAsync(emulator::start))
                    .toArray(CompletableFuture[]::new)).join();
            for (int i = 0; i < emulators.size(); i++) {
                try (StateStore store = emulators.get(i).openStateStore()) {
                    store.set("who", ("instance " + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            for (int i = 0; i < emulators.size(); i++) {
                assertEquals(1, emulators.get(i).control().count());
                assertEquals("instance " + i, emulators.get(i).control().entry("who").orElseThrow().valueAsString());
            }
        } finally {
            emulators.forEach(WorkerdKvProcess::close);
        }
        for (WorkerdKvProcess emulator : emulators) {
            assertFalse(emulator.isRunning(), "close leaves no process behind");
        }
    }

    @Test
    void startFailsWhenAnotherEmulatorHoldsControlPort() {
        try (WorkerdKvProcess first = new WorkerdKvProcess()) {
            first.start();
            int controlPort = first.control().baseUrl().getPort();
            WorkerdKvProcess second = new WorkerdKvProcess().withPorts(new dev.statestore.harness.config.EmulatorPorts(
                    dev.statestore.harness.config.EmulatorPorts.freePort(), 0, controlPort));
            IllegalStateException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    second::start);
            assertTrue(error.getMessage().contains("control port " + controlPort), error.getMessage());
            assertFalse(second.isRunning());
            assertTrue(first.control().isHealthy(), "the first emulator is untouched");
        }
    }

    @Test
    void closeStopsProcess() {
        WorkerdKvProcess emulator = new WorkerdKvProcess();
        emulator.start();
        long pid = emulator.pid();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        emulator.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}

package dev.statestore.harness.faults;

import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.WorkerdKvProcess;
import java.nio.file.Path;

/** Crashes of workerd as a process: SIGKILL through {@link WorkerdKvProcess#kill()}, then a restart. */
class ProcessCrashRestartTest extends CrashRestartContract {
    @Override
    WorkerdKv createEmulator(Path directory) {
        return new WorkerdKvProcess().withPersistence(directory);
    }

    @Override
    void kill(WorkerdKv running) {
        ((WorkerdKvProcess) running).kill();
    }

    @Override
    void restart(WorkerdKv killed) {
        ((WorkerdKvProcess) killed).restart();
    }
}

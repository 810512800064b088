package dev.statestore.conformance.workerskv;

import dev.statestore.conformance.ClockControl;
import dev.statestore.conformance.ConformanceTarget;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.control.KvControlClient;
import java.time.Duration;

/** Builds the conformance target of {@code state.cloudflare.workerskv} on a local emulator. */
final class WorkersKvTargets {
    /** Workers KV keys are at most 512 bytes in their stored (escaped) form. */
    static final int MAX_KEY_BYTES = 512;
    /** Workers KV values are at most 25 MiB. */
    static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;
    /** Workers KV rejects an {@code expirationTtl} under 60 seconds. */
    static final Duration MIN_TTL = Duration.ofSeconds(60);

    private WorkersKvTargets() {
    }

    /**
     * Starts {@code emulator} and returns a target that clears the simulated KV before opening each store. The
     * target stops the emulator when the suite closes it, and so does a failed start.
     */
    static ConformanceTarget start(WorkerdKv emulator) {
        try {
            emulator.start();
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        KvControlClient control = emulator.control();
        return ConformanceTarget.of(() -> {
                    control.reset();
                    return emulator.openStateStore();
                })
                .withClock(ClockControl.of(control::advanceClock, control::now))
                .withMaxLengthKey("k".repeat(MAX_KEY_BYTES))
                // 57 CJK characters are 171 bytes of UTF-8, but 513 bytes once escaped as %XX for storage.
                .withRejectedKeys("", ".", "..", "k".repeat(MAX_KEY_BYTES + 1), "日".repeat(57))
                .withMaxValueBytes(MAX_VALUE_BYTES)
                .withMinTtl(MIN_TTL)
                .withResource(emulator);
    }
}

package dev.statestore.harness.cli;

import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.WorkerdKvRuntimes;
import dev.statestore.spi.StateStores;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The walking-skeleton job: starts the local emulator, writes a component file for it, opens a store through
 * {@link StateStores}, then writes, reads, inspects and deletes a few values with and without a TTL.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local emulator and run a short write/read/delete session through the provider.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    RuntimeOption runtime;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path workDirectory = Files.createTempDirectory("statestore-demo-");
        Path componentFile = workDirectory.resolve("statestore.yaml");
        try (WorkerdKv emulator = WorkerdKvRuntimes.create(runtime.value())) {
            emulator.start();
            emulator.writeComponentFile(componentFile, "statestore");
            out.println("Started workerd (" + emulator.getClass().getSimpleName() + "), Worker at "
                    + emulator.workerUrl());
            out.println("Wrote component file " + componentFile + " (type state.cloudflare.workerskv)");

            try (StateStore store = StateStores.open(componentFile)) {
                out.println("Opened " + store + " with features " + store.features());
                runSession(store, emulator);
            }
        } finally {
            Files.deleteIfExists(componentFile);
            Files.deleteIfExists(workDirectory);
        }
        out.println("Session complete; workerd stopped.");
        return 0;
    }

    private void runSession(StateStore store, WorkerdKv emulator) {
        store.set("greeting", "hello from Java".getBytes(StandardCharsets.UTF_8));
        out.println("set    greeting = 'hello from Java'");
        store.set("order/42 ✓", "{\"id\":42,\"status\":\"paid\"}".getBytes(StandardCharsets.UTF_8));
        out.println("set    'order/42 ✓' = {\"id\":42,\"status\":\"paid\"}");
        store.set("session", "expires soon".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));
        out.println("set    session = 'expires soon' with a TTL of 60 s");

        out.println("get    greeting -> " + describe(store.get("greeting")));
        out.println("get    'order/42 ✓' -> " + describe(store.get("order/42 ✓")));
        out.println("get    session -> " + describe(store.get("session")));
        out.println("stored keys in the simulated KV: " + emulator.control().keys());

        emulator.control().advanceClock(Duration.ofSeconds(61));
        out.println("advanced the simulated KV clock by 61 s");
        out.println("get    session -> " + describe(store.get("session")));

        store.delete("greeting");
        out.println("delete greeting");
        out.println("get    greeting -> " + describe(store.get("greeting")));
        store.delete("order/42 ✓");
        out.println("delete 'order/42 ✓'");
        out.println("stored keys in the simulated KV: " + emulator.control().keys());
    }

    private static String describe(Optional<StateItem> item) {
        return item.map(found -> "'" + found.valueAsString() + "'"
                + found.expiresAt().map(at -> " (expires " + at + ")").orElse("")).orElse("(absent)");
    }
}

package dev.statestore.harness.cli;

import dev.statestore.harness.ComponentYaml;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.WorkerdKvContainer;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.WorkerdKvRuntimes;
import dev.statestore.harness.config.EmulatorPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the emulator as a development server until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve worker.js with a simulated Workers KV on this machine and print a component YAML for it.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    RuntimeOption runtime;

    @Option(names = "--port", defaultValue = "8787", description = "Port of the Worker on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--control-port", defaultValue = "8788",
            description = "Port of the simulated KV's control API on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int controlPort;

    @Option(names = "--persist", description = "Folder where the simulated KV keeps its data across restarts.")
    Path persistDirectory;

    @Option(names = "--worker-script", description = "Serve this Worker script instead of the bundled worker.js.")
    Path workerScript;

    @Option(names = "--namespace-id", description = "KV namespace ID the Worker binds. Default: a fixed local ID.")
    String namespaceId;

    @Override
    public Integer call() throws Exception {
        checkPort("--port", port);
        checkPort("--control-port", controlPort);
        if (port == controlPort) {
            throw new IllegalArgumentException("--port and --control-port are both " + port + ": choose two ports.");
        }
        if (workerScript != null && !java.nio.file.Files.isReadable(workerScript)) {
            throw new IllegalArgumentException("--worker-script " + workerScript + " is not a readable file: give the "
                    + "path of a Worker ES module.");
        }
        if (persistDirectory != null && java.nio.file.Files.exists(persistDirectory)
                && !java.nio.file.Files.isDirectory(persistDirectory)) {
            throw new IllegalArgumentException("--persist " + persistDirectory + " is a file: give a folder.");
        }
        EmulatorPorts ports = new EmulatorPorts(port, 0, controlPort);
        WorkerdKv emulator = configure(ports);
        CountDownLatch stopped = new CountDownLatch(1);
        emulator.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Shutting down workerd...");
            emulator.close();
            stopped.countDown();
        }, "serve-shutdown"));

        System.out.println("# Worker: " + emulator.workerUrl() + "   control API: http://127.0.0.1:" + controlPort
                + "/control/health");
        System.out.println("# Component for state.cloudflare.workerskv (contains a fresh private key for this server):");
        System.out.println(ComponentYaml.render("statestore", WorkerdKv.WORKERS_KV_TYPE, emulator.componentMetadata()));
        System.out.println("# Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    private WorkerdKv configure(EmulatorPorts ports) {
        WorkerdKvRuntimes.Runtime chosen = WorkerdKvRuntimes.resolve(runtime.value());
        if (chosen == WorkerdKvRuntimes.Runtime.CONTAINER) {
            WorkerdKvContainer container = new WorkerdKvContainer().withPorts(ports).withReadyTimeout(Duration.ofSeconds(60));
            if (persistDirectory != null) {
                container.withPersistence(persistDirectory);
            }
            if (workerScript != null) {
                container.withWorkerScript(workerScript);
            }
            if (namespaceId != null) {
                container.withNamespaceId(namespaceId);
            }
            return container;
        }
        WorkerdKvProcess process = new WorkerdKvProcess().withPorts(ports);
        if (persistDirectory != null) {
            process.withPersistence(persistDirectory);
        }
        if (workerScript != null) {
            process.withWorkerScript(workerScript);
        }
        if (namespaceId != null) {
            process.withNamespaceId(namespaceId);
        }
        return process;
    }

    private static void checkPort(String option, int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("Invalid " + option + " " + value + ": use a port from 1 to 65535.");
        }
    }
}

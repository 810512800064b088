package dev.statestore.benchmarks.wrk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads a child process's output on a daemon thread, so that the child does not stall on a full pipe. */
final class OutputCollector {
    private final CompletableFuture<String> text = new CompletableFuture<>();

    private OutputCollector() {
    }

    static OutputCollector start(Process process) {
        OutputCollector collector = new OutputCollector();
        Thread reader = new Thread(() -> collector.read(process.getInputStream()), "wrk-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return collector;
    }

    /** Returns all output; call after the process ended. */
    String await() throws InterruptedException {
        try {
            return text.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return "(output unreadable: " + e.getCause() + ")";
        } catch (TimeoutException e) {
            return "(output still open 10 s after the process ended)";
        }
    }

    private void read(InputStream input) {
        try (input) {
            text.complete(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            text.completeExceptionally(e);
        }
    }
}

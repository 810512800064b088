package dev.statestore.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class BenchmarkCommandTest {

    @Test
    void defaultsAreValid() {
        SuiteOptions options = parse();

        assertEquals(Duration.ofSeconds(5), options.duration());
        assertEquals(Duration.ofSeconds(1), options.warmup());
        assertEquals(Duration.ofSeconds(30), options.jvmWarmup());
        assertEquals(List.of(1, 16, 64), options.concurrencies());
        assertEquals(Path.of("benchmarks/results"), options.outputDirectory());
        assertTrue(options.runJmh());
        assertTrue(options.runWrk());
        assertTrue(options.workerScript().isEmpty());
    }

    @Test
    void concurrenciesAreSortedWithoutDuplicates() {
        SuiteOptions options = parse("--concurrency", "64,1,16,1", "--skip-jmh", "--skip-wrk");

        assertEquals(List.of(1, 16, 64), options.concurrencies());
        assertFalse(options.runJmh());
        assertFalse(options.runWrk());
    }

    @Test
    void invalidOptionsNameTheValueAndTheFix() {
        assertMessage("Invalid --duration PT0.05S: measure each cell for at least 100ms.", "--duration", "50ms");
        assertMessage("Invalid --jvm-warmup PT10M: use 0s to 5m.", "--jvm-warmup", "10m");
        assertMessage("Invalid --concurrency 0: use values from 1 to 256.", "--concurrency", "0,16");
        assertMessage("Invalid --keys 10: use 100 to 100000, because the bulk cells read 100 distinct keys.",
                "--keys", "10");
        assertMessage("Invalid --worker-script /no/such/worker.js: the file does not exist or is not readable. "
                + "Pass the path of a Worker ES module such as worker.js.", "--worker-script", "/no/such/worker.js");
    }

    @Test
    void cellLongerThanTokenLifetimeIsRejected() {
        ParameterException error = assertThrows(ParameterException.class,
                () -> parse("--duration", "5m", "--warmup", "2m"));

        assertTrue(error.getMessage().contains("must not exceed 6 minutes"), error.getMessage());
    }

    private static void assertMessage(String expected, String... args) {
        ParameterException error = assertThrows(ParameterException.class, () -> parse(args));
        assertEquals(expected, error.getMessage());
    }

    private static SuiteOptions parse(String... args) {
        BenchmarkCommand command = new BenchmarkCommand();
        new CommandLine(command).parseArgs(args);
        return command.validate();
    }
}

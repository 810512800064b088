package dev.statestore.benchmarks.micro;

import dev.statestore.workerskv.keys.KeyEscaper;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Client CPU cost of {@link KeyEscaper#escape(String)} on a Dapr-style ASCII key and on a non-ASCII key. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyEscaperBenchmark {
    // Fields, not constants, so the JIT compiler cannot fold the escaping away.
    private String asciiKey = "orders||order-000042";
    private String unicodeKey = "zamówienie/ąę/2026-12-04";

    @Benchmark
    public String escapeAsciiKey() {
        return KeyEscaper.escape(asciiKey);
    }

    @Benchmark
    public String escapeUnicodeKey() {
        return KeyEscaper.escape(unicodeKey);
    }
}

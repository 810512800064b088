package dev.statestore.benchmarks.micro;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the JMH benchmarks of client-side costs in one forked JVM each, kept short: two warm-up and three
 * measured iterations of one second, about 6 seconds per method.
 */
public final class MicroBenchmarks {
    private static final Logger LOG = LoggerFactory.getLogger(MicroBenchmarks.class);
    private static final List<Class<?>> BENCHMARKS = List.of(TokenSignerBenchmark.class, KeyEscaperBenchmark.class);

    private MicroBenchmarks() {
    }

    /** Runs every benchmark method and returns their scores, sorted by name. */
    public static List<MicroResult> run() throws RunnerException {
        OptionsBuilder builder = new OptionsBuilder();
        for (Class<?> benchmark : BENCHMARKS) {
            builder.include("^" + benchmark.getName().replace(".", "\\.") + "\\.");
        }
        Options options = builder.forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx256m")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        LOG.info("Running the JMH benchmarks {} (about 6 s each)",
                BENCHMARKS.stream().map(Class::getSimpleName).toList());

        Collection<RunResult> runs = new Runner(options).run();
        List<MicroResult> results = new ArrayList<>();
        for (RunResult run : runs) {
            Result<?> primary = run.getPrimaryResult();
            String method = run.getParams().getBenchmark();
            String name = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            MicroResult result = new MicroResult(name, primary.getScore(), primary.getScoreError(),
                    primary.getScoreUnit());
            LOG.info("  {}: {} ± {} {}", name, String.format("%,.1f", result.score()),
                    String.format("%,.1f", result.error()), result.unit());
            results.add(result);
        }
        results.sort(Comparator.comparing(MicroResult::benchmark));
        return results;
    }
}

package dev.statestore.benchmarks.micro;

/**
 * The score of one JMH benchmark method.
 *
 * @param benchmark the method, such as {@code TokenSignerBenchmark.tokenReused}
 * @param score the mean time per call
 * @param error the half-width of the 99.9% confidence interval that JMH reports, or NaN
 * @param unit the unit of {@code score} and {@code error}, such as {@code ns/op}
 */
public record MicroResult(String benchmark, double score, double error, String unit) {
}

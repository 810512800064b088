package dev.statestore.benchmarks.load;

/**
 * One cell of the benchmark matrix: what is measured, through which client, and how many operations are in
 * flight at once.
 *
 * @param scenario the client under test, such as {@code provider} or {@code wrk}
 * @param operation the operation, such as {@code get} or {@code bulkGet of 100 keys}
 * @param valueSize the value size label, such as {@code 100 B}, or {@code -} when no value is involved
 * @param mode {@code blocking} (one thread per concurrent operation), {@code async} (bounded in-flight
 *     futures) or {@code wrk}
 * @param concurrency threads, in-flight futures or wrk connections
 */
public record Cell(String scenario, String operation, String valueSize, String mode, int concurrency) {

    public Cell {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
    }

    /** Returns a one-line description for logs, such as {@code provider get 100 B async c=16}. */
    public String describe() {
        String size = valueSize.equals("-") ? "" : " " + valueSize;
        return scenario + " " + operation + size + " " + mode + " c=" + concurrency;
    }

    /** Returns whether this cell and {@code other} differ in concurrency alone. */
    public boolean sameSeriesAs(Cell other) {
        return scenario.equals(other.scenario) && operation.equals(other.operation)
                && valueSize.equals(other.valueSize) && mode.equals(other.mode);
    }
}

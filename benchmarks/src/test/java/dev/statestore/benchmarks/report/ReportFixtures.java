package dev.statestore.benchmarks.report;

import dev.statestore.benchmarks.Matrix;
import dev.statestore.benchmarks.Matrix.ValueSize;
import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.Measurement;
import java.util.ArrayList;
import java.util.List;

/** Measurements with round numbers, shaped like those of a real run. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    /** Returns a measurement of {@code operations} in one second with the given client CPU per operation. */
    static Measurement measurement(Cell cell, long operations, double clientMicros) {
        return new Measurement(cell, operations, 0, 1.0, 2.5, 9.0, clientMicros, 300, 95, 3);
    }

    /** Returns every cell that the four targets read, plus a provider get series over three concurrencies. */
    static List<Measurement> run() {
        List<Measurement> run = new ArrayList<>();
        for (int concurrency : List.of(1, 16, 64)) {
            run.add(measurement(Matrix.cell(Matrix.PROVIDER, Matrix.GET, ValueSize.SMALL, Matrix.ASYNC,
                    concurrency), 100L * concurrency, 200));
        }
        run.add(measurement(Matrix.cell(Matrix.PROVIDER, Matrix.GET, ValueSize.SMALL, Matrix.BLOCKING, 64), 5000,
                250));
        run.add(measurement(Matrix.cell(Matrix.WRK, Matrix.AUTHENTICATED_GET, ValueSize.SMALL, Matrix.WRK_MODE,
                64), 8000, 30));
        for (int round = 0; round < 2; round++) {
            run.add(measurement(Matrix.cell(Matrix.WRK_AUTHENTICATION_PAIR, Matrix.AUTHENTICATED_GET,
                    ValueSize.SMALL, Matrix.WRK_MODE, 64), 3000 + 2000 * round, 30));
            run.add(measurement(Matrix.cell(Matrix.WRK_AUTHENTICATION_PAIR, Matrix.UNAUTHENTICATED_GET,
                    ValueSize.SMALL, Matrix.WRK_MODE, 64), 5000, 30));
        }
        run.add(measurement(Matrix.cell(Matrix.PROVIDER_BULK, Matrix.BULK_GET, ValueSize.SMALL, Matrix.BLOCKING,
                1), 60, 5000));
        run.add(measurement(Matrix.cell(Matrix.PROVIDER_BULK, Matrix.SEQUENTIAL_GETS, ValueSize.SMALL,
                Matrix.BLOCKING, 1), 4, 80000));
        run.add(measurement(Matrix.cell(Matrix.CLIENT_TOKEN_REUSED, Matrix.GET, ValueSize.SMALL, Matrix.ASYNC,
                Matrix.TOKEN_REUSE_CONCURRENCY), 900, 150));
        run.add(measurement(Matrix.cell(Matrix.CLIENT_TOKEN_PER_REQUEST, Matrix.GET, ValueSize.SMALL,
                Matrix.ASYNC, Matrix.TOKEN_REUSE_CONCURRENCY), 800, 300));
        return run;
    }
}

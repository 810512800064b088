package dev.statestore.benchmarks;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.GetRequest;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.benchmarks.Matrix.ValueSize;
import dev.statestore.benchmarks.cpu.CpuMeter;
import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.LoadDriver;
import dev.statestore.benchmarks.load.Measurement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cells that go through the public {@link StateStore} API: get, set and delete at every value size, mode
 * and concurrency, then bulk calls against as many single calls. A get of a key that is absent counts as a
 * failure, because every key is written before the get cells run.
 */
final class ProviderCells {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderCells.class);

    private final StateStore store;
    private final LoadDriver driver;
    private final List<Integer> concurrencies;
    private final int keysPerSize;
    private final Consumer<Measurement> results;

    ProviderCells(StateStore store, LoadDriver driver, List<Integer> concurrencies, int keysPerSize,
            Consumer<Measurement> results) {
        this.store = store;
        this.driver = driver;
        this.concurrencies = concurrencies;
        this.keysPerSize = keysPerSize;
        this.results = results;
    }

    /**
     * Runs blocking gets and async sets of small values for {@code length}, half each, and drops the results.
     * This runs the client's hot paths often enough for the JIT compiler before the first measured cell, which
     * on a busy two-core machine takes tens of thousands of requests.
     */
    void warmUpJvm(Duration length, CpuMeter cpuMeter) throws InterruptedException {
        if (length.isZero()) {
            return;
        }
        KeySpace keys = new KeySpace(ValueSize.SMALL, keysPerSize);
        preload(keys);
        LOG.info("Warming up the JVM for {} (not measured)", LoadDriver.describe(length));
        LoadDriver warmUp = new LoadDriver(Duration.ZERO, length.dividedBy(2), Long.MAX_VALUE, cpuMeter);
        warmUp.runBlocking(new Cell("JVM warm-up", Matrix.GET, ValueSize.SMALL.label(), Matrix.BLOCKING, 4),
                sequence -> store.get(GetRequest.of(keys.key(sequence))));
        warmUp.runAsync(new Cell("JVM warm-up", Matrix.SET, ValueSize.SMALL.label(), Matrix.ASYNC, 16),
                sequence -> store.setAsync(SetRequest.of(keys.key(sequence), keys.value())));
    }

    /**
     * Runs get, set and delete for both value sizes. Delete cells empty the key space after their first pass,
     * so later deletes remove absent keys. KV's delete takes no value, so its cost does not depend on the size.
     * The small keys are written again at the end for the cells that follow.
     */
    void runSingleKeyCells() throws InterruptedException {
        for (ValueSize size : ValueSize.values()) {
            KeySpace keys = new KeySpace(size, keysPerSize);
            preload(keys);
            for (String mode : List.of(Matrix.BLOCKING, Matrix.ASYNC)) {
                for (int concurrency : concurrencies) {
                    runGet(keys, mode, concurrency);
                }
            }
            for (String mode : List.of(Matrix.BLOCKING, Matrix.ASYNC)) {
                for (int concurrency : concurrencies) {
                    runSet(keys, mode, concurrency);
                }
            }
            for (String mode : List.of(Matrix.BLOCKING, Matrix.ASYNC)) {
                for (int concurrency : concurrencies) {
                    runDelete(keys, mode, concurrency);
                }
            }
        }
        preload(new KeySpace(ValueSize.SMALL, keysPerSize));
    }

    /** Runs one bulk get and one bulk set of 100 keys against 100 sequential single calls, each blocking. */
    void runBulkCells() throws InterruptedException {
        KeySpace keys = new KeySpace(ValueSize.SMALL, keysPerSize);
        List<String> bulkKeys = keys.firstKeys(Matrix.BULK_KEYS);
        List<SetRequest> bulkRequests = bulkKeys.stream().map(key -> SetRequest.of(key, keys.value())).toList();
        preload(keys);

        results.accept(driver.runBlocking(bulkCell(Matrix.BULK_GET), sequence -> checkBulkGet(bulkKeys)));
        results.accept(driver.runBlocking(bulkCell(Matrix.SEQUENTIAL_GETS), sequence -> {
            for (String key : bulkKeys) {
                requirePresent(key, store.get(GetRequest.of(key)));
            }
        }));
        results.accept(driver.runBlocking(bulkCell(Matrix.BULK_SET), sequence -> store.bulkSet(bulkRequests)));
        results.accept(driver.runBlocking(bulkCell(Matrix.SEQUENTIAL_SETS), sequence -> {
            for (SetRequest request : bulkRequests) {
                store.set(request);
            }
        }));
    }

    /** Writes every key of {@code keys} through the store's bulk set, in calls of 100 keys. */
    void preload(KeySpace keys) {
        List<String> all = keys.allKeys();
        for (int from = 0; from < all.size(); from += Matrix.BULK_KEYS) {
            List<SetRequest> chunk = new ArrayList<>();
            for (String key : all.subList(from, Math.min(all.size(), from + Matrix.BULK_KEYS))) {
                chunk.add(SetRequest.of(key, keys.value()));
            }
            store.bulkSet(chunk);
        }
        LOG.info("Wrote {} keys of {}", all.size(), keys.size().label());
    }

    private void runGet(KeySpace keys, String mode, int concurrency) throws InterruptedException {
        Cell cell = Matrix.cell(Matrix.PROVIDER, Matrix.GET, keys.size(), mode, concurrency);
        if (mode.equals(Matrix.BLOCKING)) {
            results.accept(driver.runBlocking(cell, sequence -> {
                String key = keys.key(sequence);
                requirePresent(key, store.get(GetRequest.of(key)));
            }));
        } else {
            results.accept(driver.runAsync(cell, sequence -> {
                String key = keys.key(sequence);
                return store.getAsync(GetRequest.of(key)).thenAccept(item -> requirePresent(key, item));
            }));
        }
    }

    private void runSet(KeySpace keys, String mode, int concurrency) throws InterruptedException {
        Cell cell = Matrix.cell(Matrix.PROVIDER, Matrix.SET, keys.size(), mode, concurrency);
        if (mode.equals(Matrix.BLOCKING)) {
            results.accept(driver.runBlocking(cell,
                    sequence -> store.set(SetRequest.of(keys.key(sequence), keys.value()))));
        } else {
            results.accept(driver.runAsync(cell,
                    sequence -> store.setAsync(SetRequest.of(keys.key(sequence), keys.value()))));
        }
    }

    private void runDelete(KeySpace keys, String mode, int concurrency) throws InterruptedException {
        Cell cell = Matrix.cell(Matrix.PROVIDER, Matrix.DELETE, keys.size(), mode, concurrency);
        if (mode.equals(Matrix.BLOCKING)) {
            results.accept(driver.runBlocking(cell, sequence -> store.delete(DeleteRequest.of(keys.key(sequence)))));
        } else {
            results.accept(driver.runAsync(cell,
                    sequence -> store.deleteAsync(DeleteRequest.of(keys.key(sequence)))));
        }
    }

    private void checkBulkGet(List<String> keys) {
        List<BulkGetResult> found = store.bulkGet(keys);
        if (found.size() != keys.size()) {
            throw new IllegalStateException("bulkGet of " + keys.size() + " keys returned " + found.size()
                    + " results");
        }
        for (BulkGetResult result : found) {
            if (result.error().isPresent()) {
                throw result.error().get();
            }
            requirePresent(result.key(), result.item());
        }
    }

    private static Cell bulkCell(String operation) {
        return Matrix.cell(Matrix.PROVIDER_BULK, operation, ValueSize.SMALL, Matrix.BLOCKING, 1);
    }

    private static void requirePresent(String key, Optional<StateItem> item) {
        if (item.isEmpty()) {
            throw new IllegalStateException("Key '" + key + "' was written before the cell but is not found");
        }
    }
}

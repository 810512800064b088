package dev.statestore.conformance.model;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.Concurrency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.EtagMismatchException;
import dev.statestore.api.Feature;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.TransactionOperation;
import dev.statestore.conformance.ClockControl;
import dev.statestore.conformance.model.Operation.KeyValue;
import dev.statestore.conformance.model.Operation.TransactionStep;
import dev.statestore.conformance.model.Operation.TxDelete;
import dev.statestore.conformance.model.Operation.TxSet;
import dev.statestore.conformance.model.Operation.TxSetIfMatch;
import dev.statestore.conformance.model.ReferenceModel.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs an operation sequence against a store and a {@link ReferenceModel} at once. After every step it reads
 * every key of {@link OperationArbitraries#KEYS} from the store and fails with an {@link AssertionError} that
 * names the step when the store and the model disagree. Not thread-safe.
 */
public final class ModelRun {
    /**
     * Minimum distance between the model clock and any expiry time after a clock step. The store's clock may
     * run ahead of the model clock by the real time a sequence takes, because the Workers KV simulator's clock
     * keeps running. Stores may also round expiry to whole seconds. So a read near an expiry time could go
     * either way.
     */
    static final Duration EXPIRY_GUARD = Duration.ofSeconds(10);

    private final StateStore store;
    private final Set<Feature> features;
    private final ClockControl clock;
    private final ReferenceModel model = new ReferenceModel();
    private final Map<String, ReadEtag> readEtags = new HashMap<>();
    private int step;
    private String currentStep = "start";

    /** Creates a run on an empty store; {@code clock} is null when the target has no clock control. */
    public ModelRun(StateStore store, Set<Feature> features, ClockControl clock) {
        this.store = store;
        this.features = Set.copyOf(features);
        this.clock = clock;
    }

    /** Runs {@code operations} in order, comparing every key with the model after each one. */
    public void run(List<Operation> operations) {
        checkEveryKey();
        for (Operation operation : operations) {
            step++;
            currentStep = "step " + step + " " + operation;
            operation.applyTo(this);
            checkEveryKey();
        }
    }

    void set(String key, String value, Duration ttl) {
        store.set(SetRequest.builder(key, utf8(value)).ttl(ttl).build());
        model.set(key, value, ttl);
    }

    void get(String key) {
        Optional<StateItem> item = store.get(key);
        compare(key, item, "get");
        item.ifPresent(this::rememberEtag);
    }

    void delete(String key) {
        store.delete(key);
        model.delete(key);
    }

    void bulkSet(List<KeyValue> entries) {
        List<SetRequest> requests = new ArrayList<>();
        for (KeyValue entry : entries) {
            requests.add(SetRequest.of(entry.key(), utf8(entry.value())));
        }
        store.bulkSet(requests);
        for (KeyValue entry : entries) {
            model.set(entry.key(), entry.value(), null);
        }
    }

    void bulkGet(List<String> keys) {
        List<BulkGetResult> results = store.bulkGet(keys);
        if (results.size() != keys.size()) {
            throw mismatch("bulkGet of " + keys.size() + " keys returned " + results.size() + " results");
        }
        for (int i = 0; i < keys.size(); i++) {
            BulkGetResult result = results.get(i);
            if (!result.key().equals(keys.get(i))) {
                throw mismatch("bulkGet result " + i + " is for key '" + result.key() + "', not '" + keys.get(i) + "'");
            }
            if (result.error().isPresent()) {
                throw mismatch("bulkGet result " + i + " for key '" + keys.get(i) + "' failed: "
                        + result.error().get());
            }
            compare(keys.get(i), result.item(), "bulkGet result " + i);
            result.item().ifPresent(this::rememberEtag);
        }
    }

    void bulkDelete(List<String> keys) {
        List<DeleteRequest> requests = new ArrayList<>();
        for (String key : keys) {
            requests.add(DeleteRequest.of(key));
        }
        store.bulkDelete(requests);
        keys.forEach(model::delete);
    }

    /**
     * Moves the clock by {@code step}, lengthened where needed so that the model clock ends at least
     * {@link #EXPIRY_GUARD} away from every expiry time. The lengthening depends only on the sequence, so a
     * shrunk sequence replays the same way.
     */
    void advanceClock(Duration requested) {
        Duration target = model.now().plus(requested);
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Duration expiry : model.liveExpiryTimes()) {
                if (target.minus(expiry).abs().compareTo(EXPIRY_GUARD) < 0) {
                    target = expiry.plus(EXPIRY_GUARD);
                    moved = true;
                }
            }
        }
        Duration actual = target.minus(model.now());
        clock.advance(actual);
        model.advance(actual);
    }

    void transact(List<TransactionStep> steps) {
        List<TransactionOperation> operations = new ArrayList<>();
        ReferenceModel attempt = model.copy();
        boolean expectSuccess = true;
        for (TransactionStep transactionStep : steps) {
            if (transactionStep instanceof TxSet set) {
                operations.add(TransactionOperation.set(SetRequest.builder(set.key(), utf8(set.value()))
                        .ttl(set.ttl()).build()));
                attempt.set(set.key(), set.value(), set.ttl());
            } else if (transactionStep instanceof TxDelete delete) {
                operations.add(TransactionOperation.delete(DeleteRequest.of(delete.key())));
                attempt.delete(delete.key());
            } else {
                TxSetIfMatch conditional = (TxSetIfMatch) transactionStep;
                ReadEtag read = readEtags.get(conditional.key());
                SetRequest.Builder request = SetRequest.builder(conditional.key(), utf8(conditional.value()));
                if (read != null) {
                    request.etag(read.etag());
                    expectSuccess &= read.matches(attempt.live(conditional.key()));
                }
                operations.add(TransactionOperation.set(request.build()));
                attempt.set(conditional.key(), conditional.value(), null);
            }
        }

        boolean succeeded = runConditional(() -> store.transact(operations));

        checkOutcome("transaction", expectSuccess, succeeded);
        if (succeeded) {
            applyTransaction(steps);
        }
    }

    void setIfMatch(String key, String value) {
        ReadEtag read = readEtags.get(key);
        if (read == null) {
            return;
        }
        boolean expectSuccess = read.matches(model.live(key));

        boolean succeeded = runConditional(() -> store.set(SetRequest.builder(key, utf8(value)).etag(read.etag())
                .build()));

        checkOutcome("setIfMatch", expectSuccess, succeeded);
        if (succeeded) {
            model.set(key, value, null);
        }
    }

    void deleteIfMatch(String key) {
        ReadEtag read = readEtags.get(key);
        if (read == null) {
            return;
        }
        boolean expectSuccess = read.matches(model.live(key));

        boolean succeeded = runConditional(() -> store.delete(DeleteRequest.of(key).withEtag(read.etag())));

        checkOutcome("deleteIfMatch", expectSuccess, succeeded);
        if (succeeded) {
            model.delete(key);
        }
    }

    void firstWrite(String key, String value) {
        boolean expectSuccess = model.live(key).isEmpty();

        boolean succeeded = runConditional(() -> store.set(SetRequest.builder(key, utf8(value))
                .concurrency(Concurrency.FIRST_WRITE).build()));

        checkOutcome("firstWrite", expectSuccess, succeeded);
        if (succeeded) {
            model.set(key, value, null);
        }
    }

    private void applyTransaction(List<TransactionStep> steps) {
        for (TransactionStep transactionStep : steps) {
            if (transactionStep instanceof TxSet set) {
                model.set(set.key(), set.value(), set.ttl());
            } else if (transactionStep instanceof TxDelete delete) {
                model.delete(delete.key());
            } else {
                TxSetIfMatch conditional = (TxSetIfMatch) transactionStep;
                model.set(conditional.key(), conditional.value(), null);
            }
        }
    }

    /** Runs a conditional write and returns whether it succeeded; an ETag mismatch counts as not succeeding. */
    private static boolean runConditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (EtagMismatchException e) {
            return false;
        }
    }

    private void checkOutcome(String operation, boolean expectSuccess, boolean succeeded) {
        if (expectSuccess && !succeeded) {
            throw mismatch(operation + " failed with an ETag mismatch, but according to the model its ETag is current");
        }
        if (!expectSuccess && succeeded) {
            throw mismatch(operation + " succeeded, but according to the model its ETag is stale or the key exists");
        }
    }

    private void rememberEtag(StateItem item) {
        if (!features.contains(Feature.ETAG)) {
            return;
        }
        String etag = item.etag().orElseThrow(() -> mismatch("item '" + item.key()
                + "' has no ETag, though the store declares feature ETAG"));
        long version = model.live(item.key()).map(Entry::version).orElseThrow();
        readEtags.put(item.key(), new ReadEtag(etag, version));
    }

    private void checkEveryKey() {
        for (String key : OperationArbitraries.KEYS) {
            compare(key, store.get(key), "get");
        }
    }

    private void compare(String key, Optional<StateItem> actual, String read) {
        Optional<Entry> expected = model.live(key);
        if (expected.isEmpty()) {
            if (actual.isPresent()) {
                throw mismatch(read + " of '" + key + "' returned '" + actual.get().valueAsString()
                        + "', but the model has no live value");
            }
            return;
        }
        if (actual.isEmpty()) {
            throw mismatch(read + " of '" + key + "' returned nothing, but the model has '" + expected.get().value()
                    + "'");
        }
        if (!actual.get().valueAsString().equals(expected.get().value())) {
            throw mismatch(read + " of '" + key + "' returned '" + actual.get().valueAsString()
                    + "', but the model has '" + expected.get().value() + "'");
        }
        boolean expectExpiry = expected.get().expiresAt() != null;
        if (actual.get().expiresAt().isPresent() != expectExpiry) {
            throw mismatch(read + " of '" + key + "' reports expiry " + actual.get().expiresAt()
                    + ", but the model value was written " + (expectExpiry ? "with" : "without") + " a TTL");
        }
    }

    private AssertionError mismatch(String message) {
        return new AssertionError("Store and model disagree after " + currentStep + ": " + message
                + " (model clock " + model.now().toSeconds() + "s)");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An ETag returned by a read, with the model version of the value it was read from. */
    private record ReadEtag(String etag, long version) {

        /** Tells whether a write with this ETag must succeed against {@code current}. */
        boolean matches(Optional<Entry> current) {
            return current.isPresent() && current.get().version() == version;
        }
    }
}

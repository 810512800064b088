package dev.statestore.conformance.model;

import java.time.Duration;
import java.util.List;

/**
 * One step of a generated operation sequence. Each step runs against the store and the reference model in
 * {@link ModelRun}; the {@code toString} forms make up the sequence that jqwik reports after shrinking.
 */
public sealed interface Operation {

    /** Runs this step against the store and the model and checks that their outcomes agree. */
    void applyTo(ModelRun run);

    /** Writes a value, with a TTL when {@code ttl} is not null. */
    record SetValue(String key, String value, Duration ttl) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.set(key, value, ttl);
        }

        @Override
        public String toString() {
            return "set(" + quote(key) + ", " + quote(value) + (ttl == null ? "" : ", ttl " + ttl.toSeconds() + "s")
                    + ")";
        }
    }

    /** Reads a key, and remembers its ETag for later conditional writes. */
    record GetValue(String key) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.get(key);
        }

        @Override
        public String toString() {
            return "get(" + quote(key) + ")";
        }
    }

    record DeleteKey(String key) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.delete(key);
        }

        @Override
        public String toString() {
            return "delete(" + quote(key) + ")";
        }
    }

    /** Writes several distinct keys in one bulk. */
    record BulkSet(List<KeyValue> entries) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.bulkSet(entries);
        }

        @Override
        public String toString() {
            return "bulkSet" + entries;
        }
    }

    /** Reads several keys, possibly repeated, in one bulk. */
    record BulkGet(List<String> keys) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.bulkGet(keys);
        }

        @Override
        public String toString() {
            return "bulkGet" + quoteAll(keys);
        }
    }

    /** Deletes several distinct keys in one bulk. */
    record BulkDelete(List<String> keys) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.bulkDelete(keys);
        }

        @Override
        public String toString() {
            return "bulkDelete" + quoteAll(keys);
        }
    }

    /** Moves the store's clock forward by about {@code step}; see {@link ModelRun#advanceClock}. */
    record AdvanceClock(Duration step) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.advanceClock(step);
        }

        @Override
        public String toString() {
            return "advanceClock(" + step.toSeconds() + "s)";
        }
    }

    record Transact(List<TransactionStep> steps) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.transact(steps);
        }

        @Override
        public String toString() {
            return "transact" + steps;
        }
    }

    /** Writes with the ETag that the last read of the key returned; does nothing when the key was never read. */
    record SetIfMatch(String key, String value) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.setIfMatch(key, value);
        }

        @Override
        public String toString() {
            return "setIfMatch(" + quote(key) + ", " + quote(value) + ")";
        }
    }

    /** Deletes with the ETag that the last read of the key returned; does nothing when the key was never read. */
    record DeleteIfMatch(String key) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.deleteIfMatch(key);
        }

        @Override
        public String toString() {
            return "deleteIfMatch(" + quote(key) + ")";
        }
    }

    /** Writes with first-write concurrency and no ETag, which succeeds only when the key is absent. */
    record FirstWrite(String key, String value) implements Operation {
        @Override
        public void applyTo(ModelRun run) {
            run.firstWrite(key, value);
        }

        @Override
        public String toString() {
            return "firstWrite(" + quote(key) + ", " + quote(value) + ")";
        }
    }

    /** A key and the value to write to it. */
    record KeyValue(String key, String value) {
        @Override
        public String toString() {
            return quote(key) + "=" + quote(value);
        }
    }

    /** One step of a transaction. */
    sealed interface TransactionStep {
        String key();
    }

    /** A set within a transaction, with a TTL when {@code ttl} is not null. */
    record TxSet(String key, String value, Duration ttl) implements TransactionStep {
        @Override
        public String toString() {
            return "set(" + quote(key) + ", " + quote(value) + (ttl == null ? "" : ", ttl " + ttl.toSeconds() + "s")
                    + ")";
        }
    }

    record TxDelete(String key) implements TransactionStep {
        @Override
        public String toString() {
            return "delete(" + quote(key) + ")";
        }
    }

    /** A set within a transaction that carries the key's last read ETag, or none when it was never read. */
    record TxSetIfMatch(String key, String value) implements TransactionStep {
        @Override
        public String toString() {
            return "setIfMatch(" + quote(key) + ", " + quote(value) + ")";
        }
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }

    private static String quoteAll(List<String> keys) {
        return keys.stream().map(Operation::quote).toList().toString();
    }
}

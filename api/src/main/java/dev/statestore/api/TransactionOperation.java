package dev.statestore.api;

import java.util.Objects;

/** One step of a transaction: a set or a delete, applied in list order. */
public sealed interface TransactionOperation {

    String key();

    static TransactionOperation set(SetRequest request) {
        return new Set(request);
    }

    static TransactionOperation delete(DeleteRequest request) {
        return new Delete(request);
    }

    /** A set within a transaction. */
    record Set(SetRequest request) implements TransactionOperation {
        public Set {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String key() {
            return request.key();
        }
    }

    /** A delete within a transaction. */
    record Delete(DeleteRequest request) implements TransactionOperation {
        public Delete {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String key() {
            return request.key();
        }
    }
}

package dev.statestore.benchmarks;

import dev.statestore.benchmarks.load.Cell;

/**
 * Names of the scenarios, operations, value sizes and modes in the benchmark matrix. The suite builds its cells
 * from these names and the target checks find cells by them, so both must use these constants.
 */
public final class Matrix {
    /** The state store opened through {@code StateStores}, as an application uses it. */
    public static final String PROVIDER = "provider";
    /** Bulk calls of the state store against the same number of single calls. */
    public static final String PROVIDER_BULK = "provider bulk";
    /** The provider's {@code WorkerClient} with a {@code TokenSigner} that reuses tokens. */
    public static final String CLIENT_TOKEN_REUSED = "WorkerClient, token reused";
    /** The provider's {@code WorkerClient} with a {@code TokenSigner} that signs a token per request. */
    public static final String CLIENT_TOKEN_PER_REQUEST = "WorkerClient, token per request";
    /** {@code java.net.http.HttpClient} alone, configured like the provider's (HTTP/1.1). */
    public static final String HTTP_CLIENT = "HttpClient";
    /** The HTTP load generator wrk. */
    public static final String WRK = "wrk";
    /** wrk against two fresh workerd processes, one with and one without authentication, in turns. */
    public static final String WRK_AUTHENTICATION_PAIR = "wrk, auth comparison";

    public static final String GET = "get";
    public static final String SET = "set";
    public static final String DELETE = "delete";
    public static final String BULK_GET = "bulkGet of 100 keys";
    public static final String SEQUENTIAL_GETS = "100 sequential gets";
    public static final String BULK_SET = "bulkSet of 100 keys";
    public static final String SEQUENTIAL_SETS = "100 sequential sets";
    /** The Worker's {@code GET /kv/{ns}/{key}} with a bearer token. */
    public static final String AUTHENTICATED_GET = "authenticated get";
    /** The same route of a copy of the Worker whose authentication is disabled. */
    public static final String UNAUTHENTICATED_GET = "get, auth removed";
    /** A Worker route that checks no token and reads no KV. */
    public static final String NO_OP = "no-op route";

    public static final String BLOCKING = "blocking";
    public static final String ASYNC = "async";
    public static final String WRK_MODE = "wrk";

    /** Number of keys in one bulk call. */
    public static final int BULK_KEYS = 100;
    /** Concurrency of the target checks that compare clients at high load. */
    public static final int HIGH_CONCURRENCY = 64;
    /** Rounds of the authentication comparison; each round runs one cell with and one without authentication. */
    public static final int AUTHENTICATION_ROUNDS = 2;
    /** In-flight requests of the cells that compare token reuse. */
    public static final int TOKEN_REUSE_CONCURRENCY = 16;

    private Matrix() {
    }

    /** A value size of the matrix. */
    public enum ValueSize {
        SMALL("100 B", 100),
        LARGE("64 KiB", 64 * 1024);

        private final String label;
        private final int bytes;

        ValueSize(String label, int bytes) {
            this.label = label;
            this.bytes = bytes;
        }

        public String label() {
            return label;
        }

        public int bytes() {
            return bytes;
        }
    }

    /** Returns the cell of {@code scenario} and {@code operation} at {@code size}, {@code mode} and concurrency. */
    public static Cell cell(String scenario, String operation, ValueSize size, String mode, int concurrency) {
        return new Cell(scenario, operation, size.label(), mode, concurrency);
    }
}

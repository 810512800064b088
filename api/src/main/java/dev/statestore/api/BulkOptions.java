package dev.statestore.api;

/**
 * Options of a bulk operation.
 *
 * @param parallelism the maximum number of requests in flight for stores that split a bulk into single
 *     requests; at least 1
 */
public record BulkOptions(int parallelism) {
    public static final BulkOptions DEFAULT = new BulkOptions(16);

    public BulkOptions {
        if (parallelism < 1) {
            throw new InvalidRequestException("Invalid bulk parallelism " + parallelism + ": use 1 or more.");
        }
    }
}

package dev.statestore.workerskv.deploy;

import java.time.Duration;

/** The end of a start-up budget ({@code initTimeout}), measured on {@link System#nanoTime()}. */
final class Deadline {
    /** Shortest timeout given to a request, so that one sent just before the deadline still has a chance. */
    private static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(1);

    private final long startNanos;
    private final Duration limit;

    private Deadline(long startNanos, Duration limit) {
        this.startNanos = startNanos;
        this.limit = limit;
    }

    /** Starts a budget of {@code limit} now. */
    static Deadline start(Duration limit) {
        return new Deadline(System.nanoTime(), limit);
    }

    Duration limit() {
        return limit;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Returns the time left, zero once the deadline has passed. */
    Duration remaining() {
        Duration left = limit.minus(elapsed());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Tells whether a wait of {@code pause} still ends before the deadline. */
    boolean allows(Duration pause) {
        return remaining().compareTo(pause) > 0;
    }

    /** Returns the timeout of the next request: {@code perRequest}, cut to the time left. */
    Duration requestTimeout(Duration perRequest) {
        Duration left = remaining();
        Duration timeout = left.compareTo(perRequest) < 0 ? left : perRequest;
        return timeout.compareTo(MIN_REQUEST_TIMEOUT) < 0 ? MIN_REQUEST_TIMEOUT : timeout;
    }
}

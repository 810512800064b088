package dev.statestore.harness.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statestore.harness.control.KvControlClient;

/**
 * A snapshot of the simulated KV's operation counters ({@code GET /control/stats}): how many binding requests
 * of each operation reached the KV in both data centres, and how many of them failed.
 */
public record KvStats(JsonNode json) {

    public static KvStats of(KvControlClient control) {
        return new KvStats(control.stats());
    }

    /** Returns the number of binding requests of every operation, in both data centres. */
    public long totalRequests() {
        return sum(json.path("requests"), null);
    }

    /** Returns the number of binding requests of one operation ({@code get}, {@code put}, ...). */
    public long requests(String operation) {
        return sum(json.path("requests"), operation);
    }

    /** Returns the number of failed binding requests of one operation. */
    public long errors(String operation) {
        return sum(json.path("errors"), operation);
    }

    /** Returns how many more requests of {@code operation} this snapshot counts than {@code earlier}. */
    public long requestsSince(KvStats earlier, String operation) {
        return requests(operation) - earlier.requests(operation);
    }

    private static long sum(JsonNode byDataCentre, String operation) {
        long total = 0;
        for (JsonNode counters : byDataCentre) {
            if (operation != null) {
                total += counters.path(operation).asLong();
                continue;
            }
            for (JsonNode count : counters) {
                total += count.asLong();
            }
        }
        return total;
    }
}

package dev.statestore.harness.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;

/**
 * A fault of the simulated KV: fail the next N operations or a percentage of them with a status, add latency,
 * or drop the connection, for one operation type ({@code get}, {@code put}, {@code delete}, {@code list},
 * {@code bulk}) or {@code any}. Build with the static factories and the {@code with} methods.
 */
public final class FaultSpec {
    private final String operation;
    private Integer failNext;
    private Integer failPercent;
    private Integer status;
    private String body;
    private Long latencyMs;
    private boolean drop;
    private Long seed;

    private FaultSpec(String operation) {
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    /** Fails the next {@code count} operations of {@code operation} with {@code status}. */
    public static FaultSpec failNext(String operation, int count, int status) {
        FaultSpec fault = new FaultSpec(operation);
        fault.failNext = count;
        fault.status = status;
        return fault;
    }

    /** Fails {@code percent} percent of the operations of {@code operation} with {@code status}. */
    public static FaultSpec failPercent(String operation, int percent, int status) {
        FaultSpec fault = new FaultSpec(operation);
        fault.failPercent = percent;
        fault.status = status;
        return fault;
    }

    /** Delays every operation of {@code operation}. */
    public static FaultSpec latency(String operation, Duration latency) {
        FaultSpec fault = new FaultSpec(operation);
        fault.latencyMs = latency.toMillis();
        return fault;
    }

    /** Drops the connection of the next {@code count} operations of {@code operation}. */
    public static FaultSpec drop(String operation, int count) {
        FaultSpec fault = new FaultSpec(operation);
        fault.failNext = count;
        fault.drop = true;
        return fault;
    }

    public FaultSpec withBody(String value) {
        this.body = value;
        return this;
    }

    public FaultSpec withSeed(long value) {
        this.seed = value;
        return this;
    }

    ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode().put("operation", operation);
        if (status != null) {
            node.put("status", status);
        }
        if (failNext != null) {
            node.put("failNext", failNext);
        }
        if (failPercent != null) {
            node.put("failPercent", failPercent);
        }
        if (body != null) {
            node.put("body", body);
        }
        if (latencyMs != null) {
            node.put("latencyMs", latencyMs);
        }
        if (drop) {
            node.put("drop", true);
        }
        if (seed != null) {
            node.put("seed", seed);
        }
        return node;
    }

    @Override
    public String toString() {
        return "FaultSpec" + toJson(new ObjectMapper());
    }
}

package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertMessage;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.randomBytes;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.StateStore;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Raw byte values: every byte value, large values, and the store's declared maximum size. */
public interface BinaryValueScenarios extends ConformanceScenario {

    @Test
    default void everyByteValueRoundTrips() {
        StateStore store = session().store();
        byte[] value = new byte[512];
        for (int i = 0; i < 256; i++) {
            value[i] = (byte) i;
            value[511 - i] = (byte) i;
        }

        store.set("all-bytes", value);

        assertStored(store, "all-bytes", value);
    }

    @Test
    default void oneMebibyteValueRoundTrips() {
        StateStore store = session().store();
        byte[] value = randomBytes(1024 * 1024, 1);

        store.set("mebibyte", value);

        assertStored(store, "mebibyte", value);
    }

    @Test
    default void maxSizeValueRoundTrips() {
        int maxBytes = requireMaxValueBytes();
        StateStore store = session().store();
        byte[] value = randomBytes(maxBytes, 2);

        store.set("max-size", value);

        assertStored(store, "max-size", value);
    }

    @Test
    default void valueOverMaxSizeIsRejected() {
        int maxBytes = requireMaxValueBytes();
        StateStore store = session().store();
        byte[] value = new byte[maxBytes + 1];

        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> store.set("too-large", value), "a value one byte over the declared maximum");

        assertMessage(error);
        assertAbsent(store, "too-large");
    }

    private int requireMaxValueBytes() {
        OptionalInt maxBytes = session().target().maxValueBytes();
        Assumptions.assumeTrue(maxBytes.isPresent(),
                "skipped: target declares no maximum value size (ConformanceTarget.withMaxValueBytes)");
        return maxBytes.getAsInt();
    }
}

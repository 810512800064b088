package dev.statestore.harness.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statestore.api.StateStore;
import dev.statestore.harness.TestWorkers;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.spi.StateStores;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stored keys and values are byte-identical to what a Dapr application writes to the same namespace: Dapr's
 * client escapes keys with Go's url.PathEscape and its Worker stores the escaped form, and Dapr's runtime
 * prefixes keys with {@code <app-id>||}. Checked against the bundled worker.js and a basic-protocol Worker
 * that, like Dapr's, stores the path segment as received.
 */
class DaprCompatibilityTest {

    /** Application key and the KV key Dapr stores for it (measured with Dapr's Worker). */
    private static final String KEYS = """
            plain,                plain
            with space,           with%20space
            a/b,                  a%2Fb
            x^y,                  x%5Ey
            ...,                  ...
            ń.html,               %C5%84.html
            %C5%84,               %25C5%2584
            q?x=1#frag,           q%3Fx=1%23frag
            "$&+:=@!'()*,;",      $&+:=@%21%27%28%29%2A%2C%3B
            "comma,key",          comma%2Ckey
            orders||k1,           orders%7C%7Ck1
            """;

    abstract static class CompatibilityContract {
        WorkerdKvProcess emulator;

        abstract WorkerdKvProcess createEmulator();

        @BeforeAll
        void start() {
            emulator = createEmulator();
            emulator.start();
        }

        @AfterAll
        void stop() {
            if (emulator != null) {
                emulator.close();
            }
        }

        @BeforeEach
        void reset() {
            emulator.control().reset();
        }

        @ParameterizedTest
        @CsvSource(textBlock = KEYS, quoteCharacter = '"')
        void storedKeyMatchesDapr(String key, String storedKey) {
            try (StateStore store = open(Map.of())) {
                store.set(key, "v".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(List.of(storedKey), emulator.control().keys());
        }

        @ParameterizedTest
        @CsvSource(textBlock = KEYS, quoteCharacter = '"')
        void readsEntryWrittenByDapr(String key, String storedKey) {
            emulator.control().putEntry(storedKey, "from dapr".getBytes(StandardCharsets.UTF_8));
            try (StateStore store = open(Map.of())) {
                assertEquals("from dapr", store.get(key).orElseThrow().valueAsString());
            }
        }

        @Test
        void appIdPrefixMatchesDapr() {
            try (StateStore store = open(Map.of("keyPrefix", "appid", "appID", "orders"))) {
                store.set("k1", "v".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(List.of("orders%7C%7Ck1"), emulator.control().keys());
        }

        @Test
        void readsPrefixedEntryWrittenByDapr() {
            emulator.control().putEntry("orders%7C%7Corder%201", "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
            try (StateStore store = open(Map.of("keyPrefix", "appid", "appID", "orders"))) {
                assertEquals("{\"id\":1}", store.get("order 1").orElseThrow().valueAsString());
                assertEquals(1, store.get("order 1", Order.class).orElseThrow().id());
            }
        }

        @Test
        void namePrefixAndCustomPrefix() {
            try (StateStore byName = open(Map.of("keyPrefix", "name"));
                    StateStore custom = open(Map.of("keyPrefix", "shared"));
                    StateStore none = open(Map.of("keyPrefix", "none"))) {
                byName.set("k", new byte[] {1});
                custom.set("k", new byte[] {2});
                none.set("k", new byte[] {3});
            }
            assertEquals(List.of("k", "shared%7C%7Ck", "statestore%7C%7Ck"), emulator.control().keys());
        }

        @Test
        void valuesAreStoredAsDaprWritesThem() {
            byte[] binary = new byte[256];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            try (StateStore store = open(Map.of())) {
                store.set("bytes", binary);
                store.set("object", new Order(7, "paid"));
                store.set("number", 42);
                store.set("flag", true);
            }
            assertArrayEquals(binary, emulator.control().entry("bytes").orElseThrow().value());
            assertEquals("{\"id\":7,\"status\":\"paid\"}", emulator.control().entry("object").orElseThrow().valueAsString());
            assertEquals("42", emulator.control().entry("number").orElseThrow().valueAsString());
            assertEquals("true", emulator.control().entry("flag").orElseThrow().valueAsString());
        }

        StateStore open(Map<String, String> extra) {
            Map<String, String> metadata = new LinkedHashMap<>(emulator.componentMetadata());
            metadata.putAll(extra);
            return StateStores.create(new dev.statestore.spi.Component("statestore", WorkerdKvProcess.WORKERS_KV_TYPE,
                    "v1", java.util.Optional.empty(), metadata, java.util.Optional.empty()));
        }
    }

    /** A value type as an application would store it. */
    record Order(int id, String status) {
        Order(int id) {
            this(id, null);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BundledWorker extends CompatibilityContract {
        @Override
        WorkerdKvProcess createEmulator() {
            return new WorkerdKvProcess();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BasicWorker extends CompatibilityContract {
        @Override
        WorkerdKvProcess createEmulator() {
            return new WorkerdKvProcess().withWorkerScript(TestWorkers.basicWorker());
        }
    }
}

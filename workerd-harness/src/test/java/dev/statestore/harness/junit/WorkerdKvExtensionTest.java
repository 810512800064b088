package dev.statestore.harness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStore;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.WorkerdKvRuntimes;
import dev.statestore.harness.control.KvControlClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

class WorkerdKvExtensionTest {
    private static final Set<WorkerdKv> SEEN_PER_METHOD = new HashSet<>();

    @Nested
    @WorkerdKvTest(runtime = WorkerdKvRuntimes.Runtime.PROCESS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerClass {
        @Test
        @Order(1)
        void injectsStoreAndControl(StateStore store, KvControlClient kv, WorkerdKv emulator) {
            store.set("cart/1", "[]");
            assertEquals(List.of("cart%2F1"), kv.keys());
            assertSame(emulator.control(), kv);
            assertTrue(emulator instanceof WorkerdKvProcess);
        }

        @Test
        @Order(2)
        void resetsKvBetweenTests(KvControlClient kv) {
            assertEquals(0, kv.count(), "the entry of the previous test must be gone");
        }

        @Test
        @Order(3)
        void clockControlsExpiry(StateStore store, KvControlClient kv) {
            store.set("session", new byte[] {1}, Duration.ofSeconds(60));
            kv.advanceClock(Duration.ofSeconds(61));
            assertTrue(store.get("session").isEmpty());
        }
    }

    @Nested
    @WorkerdKvTest(runtime = WorkerdKvRuntimes.Runtime.PROCESS, lifecycle = WorkerdKvTest.Lifecycle.PER_METHOD)
    class PerMethod {
        @Test
        void firstGetsOwnEmulator(WorkerdKv emulator) {
            record(emulator);
        }

        @Test
        void secondGetsOwnEmulator(WorkerdKv emulator) {
            record(emulator);
        }

        private void record(WorkerdKv emulator) {
            synchronized (SEEN_PER_METHOD) {
                for (WorkerdKv earlier : SEEN_PER_METHOD) {
                    assertNotEquals(earlier.keyPair().publicKeyPem(), emulator.keyPair().publicKeyPem(),
                            "each emulator generates its own key pair");
                }
                SEEN_PER_METHOD.add(emulator);
            }
        }
    }
}

package dev.statestore.harness.junit;

import dev.statestore.harness.WorkerdKvRuntimes;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a local Workers KV emulator. Test methods, constructors and lifecycle methods may
 * declare parameters of type {@link dev.statestore.api.StateStore} (a store opened through the provider),
 * {@link dev.statestore.harness.WorkerdKv} (URLs and component metadata) and
 * {@link dev.statestore.harness.control.KvControlClient} (clock, faults, inspection).
 *
 * <pre>{@code
 * @WorkerdKvTest
 * class CartTest {
 *     @Test
 *     void savesCart(StateStore store, KvControlClient kv) {
 *         store.set("cart/1", "[]");
 *         assertEquals(List.of("cart%2F1"), kv.keys());
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(WorkerdKvExtension.class)
public @interface WorkerdKvTest {

    /** Runtime of workerd. {@code AUTO} chooses the container when a Docker engine responds, else the process. */
    WorkerdKvRuntimes.Runtime runtime() default WorkerdKvRuntimes.Runtime.AUTO;

    /** How long one emulator lives. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /** Lifetimes of the emulator. */
    enum Lifecycle {
        /** One emulator for the whole class; the simulated KV is reset before each test. */
        PER_CLASS,
        /** A fresh emulator for every test method. */
        PER_METHOD
    }
}

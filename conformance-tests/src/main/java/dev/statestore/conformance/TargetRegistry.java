package dev.statestore.conformance;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The open target of each test class. Jupiter and jqwik run a class one after the other, and each engine
 * opens the class's target before its first test and closes it after its last, so a class has at most one
 * open target at a time.
 */
final class TargetRegistry {
    private static final ConcurrentMap<Class<?>, ConformanceTarget> TARGETS = new ConcurrentHashMap<>();

    private TargetRegistry() {
    }

    /** Creates the target of {@code testClass} unless it is already open, and returns it. */
    static ConformanceTarget open(Class<?> testClass, Supplier<ConformanceTarget> factory) {
        return TARGETS.computeIfAbsent(testClass, type -> {
            ConformanceTarget target = factory.get();
            if (target == null) {
                throw new IllegalStateException(type.getName() + ".target() returned null: return a "
                        + "ConformanceTarget, for example ConformanceTarget.of(() -> new MyStore()).");
            }
            return target;
        });
    }

    /** Returns the open target of {@code testClass}. */
    static ConformanceTarget get(Class<?> testClass) {
        ConformanceTarget target = TARGETS.get(testClass);
        if (target == null) {
            throw new IllegalStateException("No conformance target is open for " + testClass.getName()
                    + ": run it through JUnit, which opens the target before the first scenario.");
        }
        return target;
    }

    /** Closes the target of {@code testClass}, if one is open, and removes it from the registry. */
    static void close(Class<?> testClass) throws Exception {
        ConformanceTarget target = TARGETS.remove(testClass);
        if (target != null) {
            target.close();
        }
    }
}

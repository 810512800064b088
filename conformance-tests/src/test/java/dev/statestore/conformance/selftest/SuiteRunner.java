package dev.statestore.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.statestore.conformance.StateStoreConformance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs selected scenarios and properties of a conformance class through the JUnit Platform launcher, as the
 * build would, and returns their results for assertions.
 */
final class SuiteRunner {
    /** Key of the test class's own result in the map that {@link #run} returns. */
    static final String CLASS = "<class>";

    /**
     * Tries of each property against a planted defect. A property stops at its first failure, so a high number
     * costs time only when a defect goes unnoticed, and it makes missing a defect by chance unlikely.
     */
    private static final String PROPERTY_TRIES = "500";

    /** Methods that are jqwik properties, which take one {@code List} parameter. */
    private static final Set<String> PROPERTIES = Set.of("storeAgreesWithReferenceModel",
            "concurrentClientsLoseNoWrite");

    /** Set while {@link #run} runs, so that the planted-defect classes know they were started on purpose. */
    private static volatile boolean running;

    private SuiteRunner() {
    }

    /** Tells whether a nested run of {@link #run} is in progress. */
    static boolean isRunning() {
        return running;
    }

    /**
     * Runs the named scenarios and properties of {@code testClass} and returns each result by method name, and
     * the result of the last engine's class container under {@link #CLASS}.
     */
    static Map<String, TestExecutionResult> run(Class<? extends StateStoreConformance> testClass,
            String... methodNames) {
        List<MethodSelector> selectors = new ArrayList<>();
        for (String name : methodNames) {
            selectors.add(PROPERTIES.contains(name) ? selectMethod(testClass, name, "java.util.List")
                    : selectMethod(testClass, name));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        String defaultTries = System.setProperty(StateStoreConformance.TRIES_PROPERTY, PROPERTY_TRIES);
        String defaultConcurrentTries = System.setProperty(StateStoreConformance.CONCURRENT_TRIES_PROPERTY,
                PROPERTY_TRIES);
        running = true;
        try {
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                    identifier.getSource().ifPresent(source -> {
                        if (source instanceof MethodSource method) {
                            results.put(method.getMethodName(), result);
                        } else if (source instanceof ClassSource) {
                            results.put(CLASS, result);
                        }
                    });
                }
            });
        } finally {
            running = false;
            restore(StateStoreConformance.TRIES_PROPERTY, defaultTries);
            restore(StateStoreConformance.CONCURRENT_TRIES_PROPERTY, defaultConcurrentTries);
        }
        return results;
    }

    /** Asserts that {@code name} failed with a message that contains {@code messagePart}. */
    static void assertFailed(Map<String, TestExecutionResult> results, String name, String messagePart) {
        assertStatus(results, name, TestExecutionResult.Status.FAILED, messagePart);
    }

    /** Asserts that {@code name} was aborted (reported as skipped) with a message that contains {@code messagePart}. */
    static void assertAborted(Map<String, TestExecutionResult> results, String name, String messagePart) {
        assertStatus(results, name, TestExecutionResult.Status.ABORTED, messagePart);
    }

    static void assertPassed(Map<String, TestExecutionResult> results, String name) {
        TestExecutionResult result = results.get(name);
        assertNotNull(result, () -> name + " did not run: " + results.keySet());
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(), () -> name + " should pass: " + result);
    }

    private static void assertStatus(Map<String, TestExecutionResult> results, String name,
            TestExecutionResult.Status status, String messagePart) {
        TestExecutionResult result = results.get(name);
        assertNotNull(result, () -> name + " did not run: " + results.keySet());
        assertEquals(status, result.getStatus(), () -> name + " should end " + status + ": " + result);
        String message = String.valueOf(result.getThrowable().map(Throwable::getMessage).orElse(""));
        assertTrue(message.contains(messagePart), () -> name + " ended with '" + message + "', which should contain '"
                + messagePart + "'");
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}

package dev.statestore.conformance.scenarios;

import dev.statestore.conformance.ConformanceSession;

/**
 * A group of conformance scenarios, written as JUnit Jupiter default methods. {@code StateStoreConformance}
 * implements every group and gives each scenario a session with an empty store.
 */
public interface ConformanceScenario {

    /** Returns the session of the running scenario. */
    ConformanceSession session();
}

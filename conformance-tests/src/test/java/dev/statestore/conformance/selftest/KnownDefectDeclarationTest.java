package dev.statestore.conformance.selftest;

import static dev.statestore.conformance.selftest.SuiteRunner.assertAborted;
import static dev.statestore.conformance.selftest.SuiteRunner.assertFailed;
import static dev.statestore.conformance.selftest.SuiteRunner.assertPassed;
import static dev.statestore.conformance.selftest.SuiteRunner.run;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

/** The effect of {@code ConformanceTarget.withKnownDefect} on the scenario it names. */
class KnownDefectDeclarationTest {

    @Test
    void failingDeclaredScenarioIsSkippedWithReason() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.DeclaresFailingScenario.class,
                "bulkGetOfOnlyMissingKeys", "bulkGetKeepsOrderAndMissingKeys");

        assertAborted(results, "bulkGetOfOnlyMissingKeys", "known defect: planted: bulk get drops missing keys");
        assertFailed(results, "bulkGetKeepsOrderAndMissingKeys", "one result per requested key");
    }

    @Test
    void passingDeclaredScenarioFails() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.DeclaresPassingScenario.class,
                "setThenGetReturnsValue", "getOfMissingKeyIsEmpty");

        assertFailed(results, "setThenGetReturnsValue", "remove withKnownDefect(\"setThenGetReturnsValue\"");
        assertPassed(results, "getOfMissingKeyIsEmpty");
    }

    @Test
    void unknownScenarioNameFailsClass() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.DeclaresUnknownScenario.class,
                "setThenGetReturnsValue");

        assertFailed(results, SuiteRunner.CLASS, "Unknown scenario 'setThenGetReturnsValu'");
    }
}

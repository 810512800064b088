package dev.statestore.conformance.selftest;

import static dev.statestore.conformance.selftest.SuiteRunner.assertFailed;
import static dev.statestore.conformance.selftest.SuiteRunner.assertPassed;
import static dev.statestore.conformance.selftest.SuiteRunner.run;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Runs parts of the suite against stores with one planted defect each and checks that the scenario or
 * property aimed at that defect fails. This shows that the suite's checks can fail, not only pass.
 */
class SuiteDetectsDefectsTest {

    @Test
    void bulkGetDroppingMissingKeysIsDetected() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.BulkGetDropsMissingKeys.class,
                "bulkGetKeepsOrderAndMissingKeys", "bulkGetOfOnlyMissingKeys",
                "setThenGetReturnsValue");

        assertFailed(results, "bulkGetKeepsOrderAndMissingKeys", "one result per requested key");
        assertFailed(results, "bulkGetOfOnlyMissingKeys", "one result per requested key");
        assertPassed(results, "setThenGetReturnsValue");
    }

    @Test
    void bulkDeleteSkippingKeyIsDetectedAndShrunk() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.BulkDeleteSkipsLastKey.class,
                "bulkDeleteRemovesKeysAndIgnoresMissing", "storeAgreesWithReferenceModel");

        assertFailed(results, "bulkDeleteRemovesKeysAndIgnoresMissing", "should be absent");
        assertFailed(results, "storeAgreesWithReferenceModel", "after step 2 bulkDelete");
    }

    @Test
    void ignoredEtagIsDetected() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.IgnoresEtag.class, "setWithStaleEtagFails",
                "concurrentConditionalWritesLetOneWin", "storeAgreesWithReferenceModel");

        assertFailed(results, "setWithStaleEtagFails", "EtagMismatchException");
        assertFailed(results, "concurrentConditionalWritesLetOneWin", "exactly one write");
        assertFailed(results, "storeAgreesWithReferenceModel",
                "succeeded, but according to the model its ETag is stale");
    }

    @Test
    void valueThatNeverExpiresIsDetected() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.NeverExpires.class, "valueExpiresAfterTtl",
                "storeAgreesWithReferenceModel");

        assertFailed(results, "valueExpiresAfterTtl", "should be absent");
        assertFailed(results, "storeAgreesWithReferenceModel", "but the model has no live value");
    }

    @Test
    void undeclaredTtlSilentlyIgnoredIsDetected() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.IgnoresUndeclaredTtl.class,
                "ttlWithoutFeatureIsRejected");

        assertFailed(results, "ttlWithoutFeatureIsRejected", "not ignored");
    }

    @Test
    void keyDecodingIsDetected() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.DecodesKeys.class,
                "escapedSpellingsStayDistinct");

        assertFailed(results, "escapedSpellingsStayDistinct", "value of key");
    }

    @Test
    void emptyValueReadAsAbsentIsDetected() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.EmptyValueReadsAsAbsent.class,
                "emptyStringIsStoredNotDeleted", "emptyByteArrayIsStoredNotDeleted");

        assertFailed(results, "emptyStringIsStoredNotDeleted", "should be present");
        assertFailed(results, "emptyByteArrayIsStoredNotDeleted", "should be present");
    }

    @Test
    void partialTransactionIsDetected() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.TransactionNotAtomic.class,
                "transactionWithStaleEtagAppliesNothing", "transactionAppliesStepsInOrder");

        assertFailed(results, "transactionWithStaleEtagAppliesNothing", "value of key 'bystander'");
        assertPassed(results, "transactionAppliesStepsInOrder");
    }

    @Test
    void writeLostToOtherThreadsIsDetected() {
        Map<String, TestExecutionResult> results = run(PlantedDefects.WriteBehindPerThread.class,
                "overwriteReplacesValue", "concurrentClientsLoseNoWrite");

        assertPassed(results, "overwriteReplacesValue");
        assertFailed(results, "concurrentClientsLoseNoWrite", "Lost write");
    }
}

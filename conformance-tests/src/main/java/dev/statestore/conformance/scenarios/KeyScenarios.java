package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertMessage;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.describeKey;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys with characters that URLs, paths and escaping treat specially, the longest key the store declares, and
 * the keys it documents as invalid.
 */
public interface KeyScenarios extends ConformanceScenario {

    @ParameterizedTest(name = "key {0}")
    @ValueSource(strings = {"with space", " padded ", "a/b", "/leading-slash", "trailing/", "a//b", "100%",
            "what?", "q?x=1#frag", "frag#ment", "x^y", "...", ".hidden", "a.b", "ń.html", "日本語キー",
            "emoji-\uD83D\uDE00", "a+b", "$&+:=@", "!'()*,;", "[x]{y}|z", "back\\slash", "quote\"d", "<tag>",
            "%C5%84", "%2F", "%", "orders||k1", "tab\tand\nnewline"})
    default void unusualKeyRoundTrips(String key) {
        StateStore store = session().store();
        byte[] value = utf8("value of " + key);

        store.set(key, value);

        assertStored(store, key, value);
        store.delete(key);
        assertAbsent(store, key);
    }

    @Test
    default void escapedSpellingsStayDistinct() {
        StateStore store = session().store();
        List<String> keys = List.of("a/b", "a%2Fb", "a%252Fb", "a b", "a+b", "a%20b", "ń", "%C5%84", "é", "e\u0301");
        for (String key : keys) {
            store.set(key, utf8("value of " + key));
        }

        for (String key : keys) {
            assertStored(store, key, utf8("value of " + key));
        }
    }

    @Test
    default void loneSurrogateKeyIsRejectedOrDistinct() {
        StateStore store = session().store();
        String loneSurrogate = "x\uD800";
        store.set("x?", utf8("question mark"));

        try {
            store.set(loneSurrogate, utf8("lone surrogate"));
        } catch (InvalidRequestException e) {
            assertStored(store, "x?", utf8("question mark"));
            return;
        }

        assertStored(store, loneSurrogate, utf8("lone surrogate"));
        assertStored(store, "x?", utf8("question mark"));
    }

    @Test
    default void unusualKeysInBulk() {
        StateStore store = session().store();
        List<String> keys = List.of("a b/c", "ń?#", "%41", "...");
        for (String key : keys) {
            store.set(key, utf8(key));
        }

        List<BulkGetResult> results = store.bulkGet(keys);

        assertEquals(keys.size(), results.size(), "one result per requested key");
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(keys.get(i), results.get(i).key(), "key of result " + i);
            assertEquals(keys.get(i), results.get(i).item().orElseThrow().valueAsString(), "value of result " + i);
        }
    }

    @Test
    default void maxLengthKeyRoundTrips() {
        String key = session().target().maxLengthKey().orElse(null);
        Assumptions.assumeTrue(key != null,
                "skipped: target declares no maximum-length key (ConformanceTarget.withMaxLengthKey)");
        StateStore store = session().store();

        store.set(key, utf8("long"));

        assertStored(store, key, utf8("long"));
        store.delete(key);
        assertAbsent(store, key);
    }

    @TestFactory
    default Stream<DynamicTest> rejectedKeysFailOnEveryOperation() {
        List<String> keys = session().target().rejectedKeys();
        Assumptions.assumeFalse(keys.isEmpty(),
                "skipped: target declares no rejected keys (ConformanceTarget.withRejectedKeys)");
        StateStore store = session().store();
        List<DynamicTest> tests = new ArrayList<>();
        for (String key : keys) {
            tests.add(DynamicTest.dynamicTest("set rejects " + describeKey(key), () -> assertMessage(
                    assertThrows(InvalidRequestException.class, () -> store.set(key, utf8("v"))))));
            tests.add(DynamicTest.dynamicTest("get rejects " + describeKey(key), () -> assertMessage(
                    assertThrows(InvalidRequestException.class, () -> store.get(key)))));
            tests.add(DynamicTest.dynamicTest("delete rejects " + describeKey(key), () -> assertMessage(
                    assertThrows(InvalidRequestException.class, () -> store.delete(key)))));
        }
        return tests.stream();
    }
}

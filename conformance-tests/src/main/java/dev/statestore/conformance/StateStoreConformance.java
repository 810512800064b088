package dev.statestore.conformance;

import dev.statestore.api.StateStore;
import dev.statestore.conformance.model.ConcurrentClients;
import dev.statestore.conformance.model.ModelRun;
import dev.statestore.conformance.model.Operation;
import dev.statestore.conformance.model.OperationArbitraries;
import dev.statestore.conformance.scenarios.AsyncScenarios;
import dev.statestore.conformance.scenarios.BinaryValueScenarios;
import dev.statestore.conformance.scenarios.BulkScenarios;
import dev.statestore.conformance.scenarios.EtagScenarios;
import dev.statestore.conformance.scenarios.KeyListingScenarios;
import dev.statestore.conformance.scenarios.KeyScenarios;
import dev.statestore.conformance.scenarios.PrefixDeleteScenarios;
import dev.statestore.conformance.scenarios.ReadWriteScenarios;
import dev.statestore.conformance.scenarios.TransactionScenarios;
import dev.statestore.conformance.scenarios.TtlScenarios;
import dev.statestore.conformance.scenarios.TypedValueScenarios;
import dev.statestore.conformance.scenarios.UnsupportedFeatureScenarios;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance suite of a state-store provider. Extend it in a test class and return the store under test
 * from {@link #target()}:
 *
 * <pre>{@code
 * class MyStoreConformanceTest extends StateStoreConformance {
 *     @Override
 *     protected ConformanceTarget target() {
 *         return ConformanceTarget.of(() -> new MyStore()).withRejectedKeys("");
 *     }
 * }
 * }</pre>
 *
 * <p>JUnit Jupiter runs the scenarios (the default methods of the scenario interfaces); jqwik runs the two
 * properties of this class. Both engines must be on the test class path. Each engine calls {@link #target()}
 * once for the test class and closes the target's resources after its last test. Scenarios that need a
 * feature the store does not declare, or a limit or clock the target does not declare, are skipped with a
 * message that names the missing feature, limit or clock.
 *
 * <p>The properties run {@value #DEFAULT_TRIES} and {@value #DEFAULT_CONCURRENT_TRIES} tries by default; the
 * system properties {@value #TRIES_PROPERTY}, {@value #CONCURRENT_TRIES_PROPERTY} and
 * {@value #MAX_STEPS_PROPERTY} change that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KnownDefectInterceptor.class)
@AddLifecycleHook(value = PropertyLifecycle.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
public abstract class StateStoreConformance implements ReadWriteScenarios, TypedValueScenarios,
        BinaryValueScenarios, KeyScenarios, BulkScenarios, TransactionScenarios, EtagScenarios, TtlScenarios,
        KeyListingScenarios, PrefixDeleteScenarios, AsyncScenarios, UnsupportedFeatureScenarios {

    /** System property with the number of operation sequences that the model property tries. */
    public static final String TRIES_PROPERTY = "statestore.conformance.tries";
    /** System property with the number of client-script sets that the concurrency property tries. */
    public static final String CONCURRENT_TRIES_PROPERTY = "statestore.conformance.concurrentTries";
    /** System property with the maximum number of operations in one generated sequence. */
    public static final String MAX_STEPS_PROPERTY = "statestore.conformance.maxSteps";

    /** Default number of operation sequences of the model property. */
    public static final int DEFAULT_TRIES = 50;
    /** Default number of client-script sets of the concurrency property. */
    public static final int DEFAULT_CONCURRENT_TRIES = 10;
    /** Default maximum number of operations in one generated sequence. */
    public static final int DEFAULT_MAX_STEPS = 20;
    static final int MAX_CLIENTS = 4;
    static final int MAX_CLIENT_OPERATIONS = 12;

    private ConformanceSession session;

    /**
     * Returns the store under test and its declarations. Called once per test class by each test engine, so it
     * may start an emulator; declare that with {@link ConformanceTarget#withResource(AutoCloseable)} so that
     * the suite stops it. Throw a JUnit assumption failure to skip the whole class.
     */
    protected abstract ConformanceTarget target();

    @BeforeAll
    protected final void openTarget() {
        ConformanceTarget target = TargetRegistry.open(getClass(), this::target);
        checkKnownDefects(target);
    }

    @AfterAll
    protected final void closeTarget() throws Exception {
        TargetRegistry.close(getClass());
    }

    @BeforeEach
    protected final void openSession() {
        ConformanceTarget target = TargetRegistry.get(getClass());
        session = new ConformanceSession(target, target.openStore());
    }

    @AfterEach
    protected final void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public final ConformanceSession session() {
        if (session == null) {
            throw new IllegalStateException("No scenario is running: session() is available between @BeforeEach "
                    + "and @AfterEach of a Jupiter scenario.");
        }
        return session;
    }

    /**
     * Runs a random sequence of operations against a new store and the reference model, and fails at the first
     * step where they disagree. jqwik then shrinks the sequence to a minimal failing one.
     */
    @Property(tries = DEFAULT_TRIES)
    @TriesProperty(TRIES_PROPERTY)
    protected void storeAgreesWithReferenceModel(@ForAll("operationSequences") List<Operation> operations) {
        ConformanceTarget target = TargetRegistry.get(getClass());
        try (StateStore store = target.openStore()) {
            new ModelRun(store, store.features(), target.clock().orElse(null)).run(operations);
        }
    }

    /** Runs several clients at once against a new store and checks that no acknowledged write was lost. */
    @Property(tries = DEFAULT_CONCURRENT_TRIES)
    @TriesProperty(CONCURRENT_TRIES_PROPERTY)
    protected void concurrentClientsLoseNoWrite(
            @ForAll("clientScripts") List<List<ConcurrentClients.ClientOperation>> scripts)
            throws InterruptedException {
        try (StateStore store = TargetRegistry.get(getClass()).openStore()) {
            ConcurrentClients.run(store, scripts);
        }
    }

    @Provide
    Arbitrary<List<Operation>> operationSequences() {
        ConformanceTarget target = TargetRegistry.get(getClass());
        return OperationArbitraries.sequences(target.readFeatures(), target.clock().isPresent(), target.minTtl(),
                maxSteps());
    }

    @Provide
    Arbitrary<List<List<ConcurrentClients.ClientOperation>>> clientScripts() {
        return OperationArbitraries.clientScripts(MAX_CLIENTS, MAX_CLIENT_OPERATIONS);
    }

    /** Rejects known-defect declarations that name no scenario of this class, such as a misspelt name. */
    private void checkKnownDefects(ConformanceTarget target) {
        Set<String> scenarios = new TreeSet<>();
        for (Method method : getClass().getMethods()) {
            scenarios.add(method.getName());
        }
        for (String scenario : target.knownDefects().keySet()) {
            if (!scenarios.contains(scenario)) {
                throw new IllegalArgumentException("Unknown scenario '" + scenario + "' in withKnownDefect of "
                        + getClass().getName() + ": use the name of a scenario method, for example "
                        + "'escapedSpellingsStayDistinct'.");
            }
        }
    }

    private static int maxSteps() {
        String text = System.getProperty(MAX_STEPS_PROPERTY);
        if (text == null || text.isBlank()) {
            return DEFAULT_MAX_STEPS;
        }
        try {
            int steps = Integer.parseInt(text.trim());
            if (steps >= 1) {
                return steps;
            }
        } catch (NumberFormatException e) {
            // reported below together with values under 1
        }
        throw new IllegalArgumentException("Invalid system property " + MAX_STEPS_PROPERTY + "='" + text
                + "': use a whole number of operations, 1 or more.");
    }
}

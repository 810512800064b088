package dev.statestore.harness.junit;

import dev.statestore.api.StateStore;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.WorkerdKvRuntimes;
import dev.statestore.harness.control.KvControlClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link WorkerdKvTest}: starts the emulator for the class or for each method,
 * resets the simulated KV before each test of a shared emulator, resolves {@link StateStore},
 * {@link WorkerdKv} and {@link KvControlClient} parameters, and stops everything afterwards.
 */
public final class WorkerdKvExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WorkerdKvExtension.class);
    private static final String KEY = "emulator";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (settings(context).lifecycle() == WorkerdKvTest.Lifecycle.PER_CLASS) {
            context.getStore(NAMESPACE).put(KEY, Running.start(settings(context)));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).remove(KEY, Running.class);
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).lifecycle() == WorkerdKvTest.Lifecycle.PER_METHOD) {
            context.getStore(NAMESPACE).put(KEY, Running.start(settings(context)));
        } else {
            running(context).emulator().control().reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (settings(context).lifecycle() == WorkerdKvTest.Lifecycle.PER_METHOD) {
            Running running = context.getStore(NAMESPACE).remove(KEY, Running.class);
            if (running != null) {
                running.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StateStore.class || type == WorkerdKv.class || type == KvControlClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == StateStore.class) {
            return running.store();
        }
        if (type == WorkerdKv.class) {
            return running.emulator();
        }
        return running.emulator().control();
    }

    private static Running running(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(KEY, Running.class);
        if (running == null) {
            throw new ParameterResolutionException("No Workers KV emulator is running here: with "
                    + "lifecycle PER_METHOD, parameters are available in test methods and @BeforeEach, not in "
                    + "@BeforeAll or constructors.");
        }
        return running;
    }

    private static WorkerdKvTest settings(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WorkerdKvTest.class)
                .orElseThrow(() -> new IllegalStateException("WorkerdKvExtension needs @WorkerdKvTest on "
                        + context.getRequiredTestClass().getName()));
    }

    /** A started emulator and the store opened on it; JUnit closes it when its context ends. */
    private record Running(WorkerdKv emulator, StateStore store) implements ExtensionContext.Store.CloseableResource {
        static Running start(WorkerdKvTest settings) {
            WorkerdKv emulator = WorkerdKvRuntimes.create(settings.runtime());
            emulator.start();
            try {
                return new Running(emulator, emulator.openStateStore());
            } catch (RuntimeException e) {
                emulator.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                store.close();
            } finally {
                emulator.close();
            }
        }
    }
}

package dev.statestore.conformance;

import java.util.Optional;
import net.jqwik.api.lifecycle.AfterContainerHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.opentest4j.TestAbortedException;

/**
 * jqwik lifecycle of {@link StateStoreConformance}: opens the test class's target before its properties and
 * closes it after them, skips the class when opening the target aborts (for example when no Docker engine
 * responds), and applies {@link TriesProperty} overrides. Public so that jqwik can create it.
 */
public final class PropertyLifecycle implements SkipExecutionHook, AfterContainerHook, AroundPropertyHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (!(context instanceof ContainerLifecycleContext)) {
            return SkipResult.doNotSkip();
        }
        Class<?> testClass = context.optionalContainerClass().orElse(null);
        if (testClass == null || !StateStoreConformance.class.isAssignableFrom(testClass)) {
            return SkipResult.doNotSkip();
        }
        StateStoreConformance suite = (StateStoreConformance) context.newInstance(testClass);
        try {
            TargetRegistry.open(testClass, suite::target);
        } catch (TestAbortedException e) {
            return SkipResult.skip(e.getMessage());
        }
        return SkipResult.doNotSkip();
    }

    @Override
    public void afterContainer(ContainerLifecycleContext context) throws Exception {
        Class<?> testClass = context.optionalContainerClass().orElse(null);
        if (testClass != null) {
            TargetRegistry.close(testClass);
        }
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.findAnnotation(TriesProperty.class)
                .ifPresent(tries -> readTries(tries.value()).ifPresent(context.attributes()::setTries));
        return property.execute();
    }

    private static Optional<Integer> readTries(String propertyName) {
        String text = System.getProperty(propertyName);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            int tries = Integer.parseInt(text.trim());
            if (tries >= 1) {
                return Optional.of(tries);
            }
        } catch (NumberFormatException e) {
            // reported below together with values under 1
        }
        throw new IllegalArgumentException("Invalid system property " + propertyName + "='" + text
                + "': use a whole number of tries, 1 or more.");
    }
}

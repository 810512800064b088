package dev.statestore.conformance;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs the scenarios that the target declares with {@link ConformanceTarget#withKnownDefect} as expected
 * failures. Such a scenario still runs: when it fails it is reported as skipped with the declared reason, and
 * when it passes it fails, so that a fixed defect does not stay declared.
 */
final class KnownDefectInterceptor implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        run(invocation, invocationContext.getExecutable().getName(), extensionContext.getRequiredTestClass());
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        run(invocation, invocationContext.getExecutable().getName(), extensionContext.getRequiredTestClass());
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        // A dynamic test's own context has no method or class; its test factory's context has both.
        Optional<ExtensionContext> factory = extensionContext.getParent();
        Optional<Method> method = factory.flatMap(ExtensionContext::getTestMethod);
        Optional<Class<?>> testClass = factory.flatMap(ExtensionContext::getTestClass);
        if (method.isEmpty() || testClass.isEmpty()) {
            invocation.proceed();
            return;
        }
        run(invocation, method.get().getName(), testClass.get());
    }

    private static void run(Invocation<Void> invocation, String scenario, Class<?> testClass) throws Throwable {
        Optional<String> reason = Optional.ofNullable(TargetRegistry.get(testClass).knownDefects().get(scenario));
        if (reason.isEmpty()) {
            invocation.proceed();
            return;
        }
        try {
            invocation.proceed();
        } catch (TestAbortedException e) {
            throw e;
        } catch (Throwable failure) {
            throw new TestAbortedException("known defect: " + reason.get() + " (fails as declared: " + failure + ")",
                    failure);
        }
        throw new AssertionFailedError("Scenario " + scenario + " passes, but the target declares it a known defect ("
                + reason.get() + "): remove withKnownDefect(\"" + scenario + "\", ...) from the target.");
    }
}

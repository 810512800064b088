package dev.statestore.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the system property that overrides the number of tries of a jqwik property, so that CI can run
 * fewer or more tries than the default in {@code @Property(tries = ...)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface TriesProperty {
    /** Name of the system property, whose value is a positive whole number. */
    String value();
}

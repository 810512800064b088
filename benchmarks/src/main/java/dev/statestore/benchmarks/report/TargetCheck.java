package dev.statestore.benchmarks.report;

/**
 * One performance target evaluated on a run.
 *
 * @param target what is required, in words
 * @param required the smallest ratio that meets the target
 * @param ratio the measured ratio, or {@link Double#NaN} when a figure it needs was not measured
 * @param evidence the figures behind the ratio
 */
public record TargetCheck(String target, double required, double ratio, String evidence) {

    public boolean measured() {
        return !Double.isNaN(ratio);
    }

    public boolean met() {
        return measured() && ratio >= required;
    }

    /** Returns {@code met}, {@code NOT met} or {@code not measured}. */
    public String verdict() {
        if (!measured()) {
            return "not measured";
        }
        return met() ? "met" : "NOT met";
    }
}

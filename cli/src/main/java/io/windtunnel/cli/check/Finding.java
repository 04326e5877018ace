package io.windtunnel.cli.check;

/**
 * What {@code windtunnel check} found for one metric of one stack (or for a whole stack the baseline and the run do
 * not share).
 *
 * @param scenario  the scenario's name.
 * @param stack     the stack's name.
 * @param metric    the metric; null for a stack-level finding.
 * @param status    what was found.
 * @param baseline  the baseline's value (NaN when none).
 * @param now       the run's value (NaN when none).
 * @param allowed   the largest movement the tolerance allows, in the metric's unit.
 * @param tolerance the tolerance applied; null for a stack-level finding.
 */
public record Finding(String scenario, String stack, GatedMetric metric, Status status, double baseline, double now,
    double allowed, Tolerance tolerance)
{
    /** What was found. */
    public enum Status
    {
        /** Within the tolerance. */
        HELD,
        /** Better than the baseline by more than the tolerance: the baseline is stale. */
        IMPROVED,
        /** Worse than the baseline by more than the tolerance. */
        REGRESSED,
        /** In the baseline, not in the run. */
        MISSING_STACK,
        /** In the run, not in the baseline. */
        NEW_STACK,
        /** The baseline has no value for this metric (taken by an older version): not checked. */
        NOT_IN_BASELINE
    }

    /**
     * @param strict whether improvements beyond the tolerance fail too.
     * @return whether this finding fails the check.
     */
    public boolean fails(final boolean strict)
    {
        return switch (status)
        {
            case REGRESSED, MISSING_STACK, NEW_STACK -> true;
            case IMPROVED -> strict;
            case HELD, NOT_IN_BASELINE -> false;
        };
    }

    /**
     * @return the relative change from the baseline, signed (NaN when undefined).
     */
    public double relativeChange()
    {
        return baseline == 0 ? (now == 0 ? 0 : Double.NaN) : (now - baseline) / Math.abs(baseline);
    }

    /**
     * @return one line for a person: what moved, by how much, against which tolerance.
     */
    public String describe()
    {
        return switch (status)
        {
            case MISSING_STACK -> "stack '" + stack + "' is in the baseline but not in the scenario";
            case NEW_STACK -> "stack '" + stack + "' has no baseline; add it with --update-baseline";
            case NOT_IN_BASELINE -> metric.key() + " is not in the baseline (taken by an older version); not checked";
            default -> metric.key() + ": " + Numbers.format(baseline) + " -> " + Numbers.format(now) + " (" +
                Numbers.change(this) + "; " + metric.worseWay() + " is worse; tolerance " + tolerance +
                (tolerance.kind() == Tolerance.Kind.EXACT ? "" : " = " + Numbers.format(allowed)) + ")";
        };
    }
}

package io.windtunnel.simulator.policy.lp;

/**
 * Checks the arrays and numbers given to the planners. Bad values here come from the caller's code or an
 * unchecked scenario value, not from an expected situation, so they are {@link IllegalArgumentException}s naming
 * the option and the field; an infeasible demand is not a bad input (see {@link LpStatus#INFEASIBLE}).
 */
final class LpInputs
{
    private LpInputs()
    {
    }

    /**
     * @return the number of options.
     * @throws IllegalArgumentException when the arrays differ in length or a value is out of its range: prices
     *                                  finite and {@code >= 0}; capacities finite and {@code > 0}; bounds
     *                                  {@code >= 0} (may be {@code +Infinity}: no bound); demand finite and
     *                                  {@code >= 0}.
     */
    static int check(
        final double[] pricePerHourUsd,
        final double[] capacityPerReplica,
        final double[] maxReplicas,
        final double demandCapacity)
    {
        final int n = pricePerHourUsd.length;
        sameLength("capacityPerReplica", capacityPerReplica, n);
        sameLength("maxReplicas", maxReplicas, n);
        if (!(demandCapacity >= 0) || Double.isInfinite(demandCapacity))
        {
            throw new IllegalArgumentException(
                "demandCapacity must be finite and >= 0, was " + demandCapacity);
        }
        for (int i = 0; i < n; i++)
        {
            if (!(pricePerHourUsd[i] >= 0) || Double.isInfinite(pricePerHourUsd[i]))
            {
                throw bad(i, "pricePerHourUsd", "finite and >= 0", pricePerHourUsd[i]);
            }
            if (!(capacityPerReplica[i] > 0) || Double.isInfinite(capacityPerReplica[i]))
            {
                throw bad(i, "capacityPerReplica", "finite and > 0", capacityPerReplica[i]);
            }
            if (!(maxReplicas[i] >= 0))
            {
                throw bad(i, "maxReplicas", ">= 0 (or +Infinity)", maxReplicas[i]);
            }
        }
        return n;
    }

    /**
     * Checks model 2's utilizations (in [0, 1]) and penalties (finite, {@code >= 0}).
     */
    static void checkPenalty(final double[] utilization, final double[] penaltyPerHourUsd, final int n)
    {
        sameLength("utilization", utilization, n);
        sameLength("penaltyPerHourUsd", penaltyPerHourUsd, n);
        for (int i = 0; i < n; i++)
        {
            if (!(utilization[i] >= 0 && utilization[i] <= 1))
            {
                throw bad(i, "utilization", "in [0, 1]", utilization[i]);
            }
            if (!(penaltyPerHourUsd[i] >= 0) || Double.isInfinite(penaltyPerHourUsd[i]))
            {
                throw bad(i, "penaltyPerHourUsd", "finite and >= 0", penaltyPerHourUsd[i]);
            }
        }
    }

    private static void sameLength(final String name, final double[] values, final int n)
    {
        if (values.length != n)
        {
            throw new IllegalArgumentException(
                name + " has " + values.length + " entries, pricePerHourUsd has " + n + ": one per option");
        }
    }

    private static IllegalArgumentException bad(final int option, final String field, final String rule,
        final double value)
    {
        return new IllegalArgumentException(field + "[" + option + "] must be " + rule + ", was " + value);
    }
}

package io.windtunnel.traces.gen;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;

import java.util.Arrays;
import java.util.List;

/**
 * Price-triggered preemption for a bid (the classic spot market, and what a maximum price does on AWS today):
 * walks the spot series of a price trace and, for each spot key, writes
 * <ul>
 *   <li>{@code preempt} of the fleet's instances and {@code unavailable} when the price rises above the bid
 *       (from at or below it);</li>
 *   <li>{@code available} when it falls back to the bid or below;</li>
 *   <li>{@code unavailable} at the first price if that is already above the bid (nothing runs yet, so no
 *       preemption).</li>
 * </ul>
 * The bid is either absolute (USD per hour, the same for every key) or a fraction of the key's on-demand price in
 * effect at that time (the on-demand key with the same provider, region, zone and instance type in the same
 * trace). Fault keys are {@code provider, region, zone, instance_type}. Draws no random numbers.
 * <p>
 * <b>Threading:</b> stateless, thread-safe. <b>Allocation:</b> the table and per-key state arrays.
 */
public final class BidPreemptions
{
    private static final int AT_OR_BELOW = 1;
    private static final int ABOVE = 2;

    private BidPreemptions()
    {
    }

    /**
     * How much is bid.
     *
     * @param usdPerHour         an absolute bid, USD per hour, or NaN.
     * @param fractionOfOnDemand a bid as a fraction of on-demand, positive, or NaN; exactly one of the two is set.
     */
    public record Bid(double usdPerHour, double fractionOfOnDemand)
    {
        /**
         * @param usdPerHour         absolute bid or NaN.
         * @param fractionOfOnDemand relative bid or NaN.
         */
        public Bid
        {
            GeneratorParameterException.require(Double.isNaN(usdPerHour) != Double.isNaN(fractionOfOnDemand),
                "give exactly one bid: in USD per hour or as a fraction of on-demand");
            GeneratorParameterException.require(Double.isNaN(usdPerHour) || (usdPerHour > 0 &&
                Double.isFinite(usdPerHour)), "bid must be a positive price in USD per hour, got " + usdPerHour);
            GeneratorParameterException.require(Double.isNaN(fractionOfOnDemand) || (fractionOfOnDemand > 0 &&
                Double.isFinite(fractionOfOnDemand)),
                "bid fraction of on-demand must be positive, got " + fractionOfOnDemand);
        }

        /**
         * @param usdPerHour USD per hour.
         * @return an absolute bid.
         */
        public static Bid absolute(final double usdPerHour)
        {
            return new Bid(usdPerHour, Double.NaN);
        }

        /**
         * @param fraction fraction of on-demand.
         * @return a relative bid.
         */
        public static Bid ofOnDemand(final double fraction)
        {
            return new Bid(Double.NaN, fraction);
        }

        boolean isRelative()
        {
            return !Double.isNaN(fractionOfOnDemand);
        }
    }

    /**
     * @param prices        a price trace with spot keys (and on-demand keys for a relative bid).
     * @param bid           the bid.
     * @param instances     running instances per key, preempted together, positive.
     * @param providers     providers to keep (empty: all).
     * @param regions       regions to keep (empty: all).
     * @param instanceTypes instance types to keep (empty: all).
     * @return the faults table, sorted by time.
     * @throws GeneratorParameterException if no spot key matches or a relative bid finds no on-demand price.
     */
    public static TraceTable generate(
        final TraceTable prices, final Bid bid, final int instances, final List<String> providers,
        final List<String> regions, final List<String> instanceTypes)
    {
        GeneratorParameterException.require(prices.kind() == TraceKind.PRICE,
            "bid preemptions need a price trace, got a " + prices.kind().label() + " trace");
        GeneratorParameterException.require(instances > 0, "instances must be at least 1, got " + instances);
        final KeyDictionary priceKeys = prices.keys();
        final int keyCount = priceKeys.size();
        final boolean[] selected = new boolean[keyCount];
        final int[] onDemandKey = new int[keyCount];
        final int[] faultKey = new int[keyCount];
        // The events cover what the prices cover: the price trace's declared span, if it has one.
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.FAULTS).spanOf(prices);
        final KeyDictionary faultKeys = builder.keys();
        boolean any = false;
        for (int key = 0; key < keyCount; key++)
        {
            onDemandKey[key] = -1;
            final String[] f = priceKeys.fields(key);
            selected[key] = Market.parse(f[4]) == Market.SPOT &&
                (providers.isEmpty() || providers.contains(f[0])) &&
                (regions.isEmpty() || regions.contains(f[1])) &&
                (instanceTypes.isEmpty() || instanceTypes.contains(f[3]));
            if (selected[key])
            {
                any = true;
                faultKey[key] = faultKeys.intern(f[0], f[1], f[2], f[3]);
                onDemandKey[key] = priceKeys.find(f[0], f[1], f[2], f[3], Market.ON_DEMAND.label());
                GeneratorParameterException.require(!bid.isRelative() || onDemandKey[key] >= 0,
                    "the price trace has no on-demand series for " + priceKeys.describe(key) +
                    ", so a bid relative to on-demand cannot be placed; give the bid in USD");
            }
        }
        GeneratorParameterException.require(any, "the price trace has no spot series matching providers " +
            providers + ", regions " + regions + " and instance types " + instanceTypes);

        // Per key: the price in effect and whether the spot price is above the bid (0 unknown, 1 at or below, 2
        // above). Every selected key is re-evaluated after each group of equal-time rows; only changes emit rows.
        final double[] current = new double[keyCount];
        Arrays.fill(current, Double.NaN);
        final int[] state = new int[keyCount];
        int row = 0;
        while (row < prices.rowCount())
        {
            final long timeNs = prices.timeNs(row);
            while (row < prices.rowCount() && prices.timeNs(row) == timeNs)
            {
                current[prices.keyId(row)] = prices.value(row);
                row++;
            }
            for (int key = 0; key < keyCount; key++)
            {
                if (!selected[key] || Double.isNaN(current[key]))
                {
                    continue;
                }
                final double bidUsd;
                if (bid.isRelative())
                {
                    final double onDemand = current[onDemandKey[key]];
                    GeneratorParameterException.require(!Double.isNaN(onDemand),
                        "no on-demand price for " + priceKeys.describe(key) + " at " +
                        TraceTimes.formatIso(timeNs) + ", where its spot series has a price");
                    bidUsd = bid.fractionOfOnDemand() * onDemand;
                }
                else
                {
                    bidUsd = bid.usdPerHour();
                }
                final int before = state[key];
                final int after = current[key] > bidUsd ? ABOVE : AT_OR_BELOW;
                if (after == ABOVE && before != ABOVE)
                {
                    if (before == AT_OR_BELOW)
                    {
                        builder.add(timeNs, faultKey[key], FaultKind.PREEMPT.code(), instances);
                    }
                    builder.add(timeNs, faultKey[key], FaultKind.UNAVAILABLE.code(), 0);
                }
                else if (after == AT_OR_BELOW && before == ABOVE)
                {
                    builder.add(timeNs, faultKey[key], FaultKind.AVAILABLE.code(), 0);
                }
                state[key] = after;
            }
        }
        return builder.build();
    }
}

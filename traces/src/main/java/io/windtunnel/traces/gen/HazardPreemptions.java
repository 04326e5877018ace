package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;

import java.util.List;

/**
 * Spot preemptions from a constant hazard rate per instance-hour, as {@code preempt} events of a
 * {@link TraceKind#FAULTS} trace.
 * <p>
 * Each of a fleet's {@code N} instances is preempted after an exponential time with rate {@code h} per hour and
 * replaced at once, so preemptions form a Poisson process of rate {@code N h}. Preemptions come in batches (a
 * capacity reclaim often takes several instances): events occur at rate {@code N h / b} and each takes a batch of
 * {@code B} instances, geometric on {1, 2, ...} with mean {@code b} ({@code b = 1}: always one), capped at
 * {@code N}. The expected number preempted over {@code T} hours is therefore {@code N h T} (a little less when the
 * cap binds), with variance {@code (N h T / b) E[B^2]}, {@code E[B^2] = b (2b - 1)}. Event times are whole
 * seconds. Rows are {@code preempt} with the batch size as count, keyed {@code provider, region, zone, type}.
 * <p>
 * A hazard can be derived from a monthly interruption frequency {@code f} (as AWS Spot Advisor publishes it in
 * buckets such as "5-10%"): {@code h = -ln(1 - f) / 730} per hour, e.g. {@code f = 7.5%} gives {@code h = 1.07e-4}.
 * Each fleet draws from the stream {@code faults.hazard/PROVIDER/REGION/ZONE/TYPE}.
 * <p>
 * <b>Threading:</b> stateless, thread-safe. <b>Allocation:</b> the table.
 */
public final class HazardPreemptions
{
    /** Prefix of the stream names; the fleet's key follows. */
    static final String STREAM = "faults.hazard/";

    /** Hours in an average month (365 * 24 / 12), for converting monthly interruption frequencies. */
    public static final double HOURS_PER_MONTH = 730.0;

    private HazardPreemptions()
    {
    }

    /**
     * @param monthlyFrequency fraction of instances interrupted per month, in [0, 1).
     * @return the constant hazard per instance-hour with that monthly probability.
     */
    public static double hazardPerHourFromMonthlyFrequency(final double monthlyFrequency)
    {
        GeneratorParameterException.require(monthlyFrequency >= 0 && monthlyFrequency < 1,
            "monthly interruption frequency must be in [0, 1), got " + monthlyFrequency);
        return -StrictMath.log1p(-monthlyFrequency) / HOURS_PER_MONTH;
    }

    /**
     * @param fleets               the fleets; a fleet without its own hazard uses {@code defaultHazardPerHour}.
     * @param defaultHazardPerHour hazard per instance-hour for fleets without one, {@code >= 0}.
     * @param meanBatch            mean instances per preemption event, {@code >= 1}.
     * @param startNs              start, epoch nanoseconds.
     * @param endNs                end (exclusive), epoch nanoseconds.
     * @param seed                 the seed; equal arguments give bit-identical tables.
     * @return the faults table.
     * @throws GeneratorParameterException if a parameter is unusable.
     */
    public static TraceTable generate(
        final List<SpotFleet> fleets, final double defaultHazardPerHour, final double meanBatch,
        final long startNs, final long endNs, final long seed)
    {
        GeneratorParameterException.require(!fleets.isEmpty(), "give at least one fleet");
        GeneratorParameterException.nonNegative("hazard per instance-hour", defaultHazardPerHour);
        GeneratorParameterException.require(meanBatch >= 1 && Double.isFinite(meanBatch),
            "mean batch must be a number >= 1, got " + meanBatch);
        GeneratorParameterException.require(endNs > startNs, "the window is empty");
        final RandomStreams streams = new RandomStreams(seed);
        // Declared: the window is known free of preemptions where there are no rows.
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.FAULTS).span(startNs, endNs);
        final KeyDictionary keys = builder.keys();
        for (final SpotFleet fleet : fleets)
        {
            GeneratorParameterException.require(keys.find(fleet.provider(), fleet.region(), fleet.zone(),
                fleet.instanceType()) < 0, "fleet " + fleet.describe() + " is given twice");
            final int keyId = keys.intern(fleet.provider(), fleet.region(), fleet.zone(), fleet.instanceType());
            final double hazard = Double.isNaN(fleet.hazardPerHour()) ? defaultHazardPerHour : fleet.hazardPerHour();
            final double eventsPerSecond = fleet.instances() * hazard / meanBatch / 3600.0;
            if (eventsPerSecond == 0)
            {
                continue;
            }
            RowLimit.check("preemptions of " + fleet.describe(), eventsPerSecond * (endNs - startNs) / 1e9);
            final RandomStream stream = streams.stream(STREAM + fleet.describe());
            final double meanGapSeconds = 1 / eventsPerSecond;
            final double continueProbability = 1 - 1 / meanBatch;
            double atSeconds = 0;
            final double windowSeconds = (endNs - startNs) / 1e9;
            while (true)
            {
                atSeconds += stream.exponential(meanGapSeconds);
                if (atSeconds >= windowSeconds)
                {
                    break;
                }
                final long batch = batchSize(stream, continueProbability, fleet.instances());
                final long timeNs = startNs + (long)Math.floor(atSeconds) * 1_000_000_000L;
                builder.add(timeNs, keyId, FaultKind.PREEMPT.code(), batch);
            }
        }
        return builder.build();
    }

    private static long batchSize(final RandomStream stream, final double continueProbability, final int cap)
    {
        if (continueProbability == 0)
        {
            return 1;
        }
        // Geometric on {1, 2, ...} with P(B > k) = c^k, by inversion: 1 + floor(ln U / ln c).
        final double u = 1 - stream.nextDouble();
        final double extra = Math.floor(StrictMath.log(u) / StrictMath.log(continueProbability));
        return (long)Math.min(cap, 1 + extra);
    }
}

package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;

import java.util.List;

/**
 * Region or zone outages as an alternating renewal process: up times exponential with mean MTBF, down times
 * exponential with mean MTTR, independent per target, written as {@code outage_start} / {@code outage_end} rows
 * of a {@link TraceKind#FAULTS} trace keyed {@code provider, region, zone, ""} (zone empty for a whole region).
 * <p>
 * The long-run availability is {@code MTBF / (MTBF + MTTR)}. Each target starts in its stationary state: down with
 * probability {@code MTTR / (MTBF + MTTR)} (then an {@code outage_start} is written at the window start) with an
 * exponential residual time, which by memorylessness is exact, so availability is unbiased from the first
 * second. An outage still running at the window end has no {@code outage_end}: the trace ends during it. Times
 * are whole seconds, every up or down period lasts at least one second. Each target draws from the stream
 * {@code faults.outage/PROVIDER/REGION/ZONE}.
 * <p>
 * <b>Threading:</b> stateless, thread-safe. <b>Allocation:</b> the table.
 */
public final class RegionOutages
{
    /** Prefix of the stream names; the target follows. */
    static final String STREAM = "faults.outage/";

    private RegionOutages()
    {
    }

    /**
     * A region or zone that can fail.
     *
     * @param provider provider.
     * @param region   region.
     * @param zone     availability zone, or empty for the whole region.
     */
    public record Target(String provider, String region, String zone)
    {
        /**
         * @param provider provider.
         * @param region   region.
         * @param zone     zone or empty.
         */
        public Target
        {
            GeneratorParameterException.require(!provider.isEmpty() && !region.isEmpty(),
                "an outage target needs a provider and a region");
        }

        /**
         * @param text {@code PROVIDER/REGION} or {@code PROVIDER/REGION/ZONE}.
         * @return the target.
         * @throws GeneratorParameterException if it does not parse.
         */
        public static Target parse(final String text)
        {
            final String[] parts = text.trim().split("/", -1);
            GeneratorParameterException.require(parts.length == 2 || parts.length == 3,
                "outage target '" + text + "' is not PROVIDER/REGION[/ZONE], e.g. aws/eu-west-1 or " +
                "aws/eu-west-1/eu-west-1a");
            return new Target(parts[0].trim(), parts[1].trim(), parts.length == 3 ? parts[2].trim() : "");
        }

        /**
         * @return {@code provider/region/zone}.
         */
        public String describe()
        {
            return provider + "/" + region + "/" + zone;
        }
    }

    /**
     * @param targets the regions or zones.
     * @param mtbfNs  mean time between failures (mean up time), nanoseconds, positive.
     * @param mttrNs  mean time to repair (mean down time), nanoseconds, positive.
     * @param startNs start, epoch nanoseconds.
     * @param endNs   end (exclusive), epoch nanoseconds.
     * @param seed    the seed; equal arguments give bit-identical tables.
     * @return the faults table.
     * @throws GeneratorParameterException if a parameter is unusable.
     */
    public static TraceTable generate(
        final List<Target> targets, final long mtbfNs, final long mttrNs, final long startNs, final long endNs,
        final long seed)
    {
        GeneratorParameterException.require(!targets.isEmpty(), "give at least one outage target");
        GeneratorParameterException.require(mtbfNs > 0, "MTBF must be positive");
        GeneratorParameterException.require(mttrNs > 0, "MTTR must be positive");
        GeneratorParameterException.require(endNs > startNs, "the window is empty");
        final RandomStreams streams = new RandomStreams(seed);
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.FAULTS).span(startNs, endNs);
        final KeyDictionary keys = builder.keys();
        final double mtbfSeconds = mtbfNs / 1e9;
        final double mttrSeconds = mttrNs / 1e9;
        final long windowSeconds = (endNs - startNs) / 1_000_000_000L;
        RowLimit.check("outages", 2.0 * (endNs - startNs) / (mtbfNs + (double)mttrNs));
        for (final Target target : targets)
        {
            GeneratorParameterException.require(keys.find(target.provider(), target.region(), target.zone(), "") < 0,
                "outage target " + target.describe() + " is given twice");
            final int keyId = keys.intern(target.provider(), target.region(), target.zone(), "");
            final RandomStream stream = streams.stream(STREAM + target.describe());
            boolean down = stream.nextDouble() < mttrSeconds / (mtbfSeconds + mttrSeconds);
            long atSeconds = 0;
            if (down)
            {
                builder.add(startNs, keyId, FaultKind.OUTAGE_START.code(), 0);
            }
            while (true)
            {
                final double meanSeconds = down ? mttrSeconds : mtbfSeconds;
                final long lastsSeconds = Math.max(1L, Math.round(stream.exponential(meanSeconds)));
                if (lastsSeconds >= windowSeconds - atSeconds)
                {
                    break;
                }
                atSeconds += lastsSeconds;
                down = !down;
                builder.add(startNs + atSeconds * 1_000_000_000L, keyId,
                    (down ? FaultKind.OUTAGE_START : FaultKind.OUTAGE_END).code(), 0);
            }
        }
        return builder.build();
    }
}

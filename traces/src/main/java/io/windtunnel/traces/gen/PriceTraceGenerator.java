package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;

import java.util.List;
import java.util.Set;

/**
 * Generates a {@link TraceKind#PRICE} table for catalog entries: per entry an {@code on-demand} key with one row
 * at the start (the list price, constant) and a {@code spot} key following a {@link SpotPriceModel}, capped at the
 * list price. Keys are {@code provider, region, zone, instance_type, market}, the zone the entry's (empty for a
 * region-wide entry).
 * <p>
 * Each spot series draws from the stream {@code price.spot/PROVIDER/REGION/TYPE} ({@code
 * price.spot/PROVIDER/REGION/ZONE/TYPE} for a zone's entry), so a key's path depends only on the seed, the model and
 * that key, not on which other keys are generated with it.
 * <p>
 * <b>Threading:</b> stateless, thread-safe. <b>Allocation:</b> the table.
 */
public final class PriceTraceGenerator
{
    /** Prefix of the spot stream names; {@code provider/region/type} (or {@code provider/region/zone/type}) follows. */
    static final String STREAM = "price.spot/";

    private PriceTraceGenerator()
    {
    }

    /**
     * @param entries list prices to generate series for.
     * @param markets which markets to write: on-demand, spot or both.
     * @param model   the spot model.
     * @param startNs start, epoch nanoseconds.
     * @param endNs   end (exclusive), epoch nanoseconds.
     * @param seed    the seed; equal arguments give bit-identical tables.
     * @return the price table, sorted by time (entries in catalog order, on-demand before spot, at equal times).
     * @throws GeneratorParameterException if a parameter is unusable.
     */
    public static TraceTable generate(
        final List<OnDemandCatalog.Entry> entries, final Set<Market> markets, final SpotPriceModel model,
        final long startNs, final long endNs, final long seed)
    {
        GeneratorParameterException.require(!entries.isEmpty(), "no instance types to price");
        GeneratorParameterException.require(!markets.isEmpty(), "no market to generate: give on-demand, spot or both");
        GeneratorParameterException.require(endNs > startNs, "the window is empty");
        final RandomStreams streams = new RandomStreams(seed);
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE).span(startNs, endNs);
        final KeyDictionary keys = builder.keys();
        for (final OnDemandCatalog.Entry entry : entries)
        {
            if (markets.contains(Market.ON_DEMAND))
            {
                final int keyId = keys.intern(
                    entry.provider(), entry.region(), entry.zone(), entry.instanceType(), Market.ON_DEMAND.label());
                builder.add(startNs, keyId, 0, entry.pricePerHourUsd());
            }
            if (markets.contains(Market.SPOT))
            {
                final int keyId = keys.intern(
                    entry.provider(), entry.region(), entry.zone(), entry.instanceType(), Market.SPOT.label());
                final SpotPriceModel.Path path = model.simulate(
                    entry.pricePerHourUsd(), startNs, endNs, streams.stream(STREAM + entry.describe()));
                for (int i = 0; i < path.timeNs().length; i++)
                {
                    builder.add(path.timeNs()[i], keyId, 0, path.pricePerHourUsd()[i]);
                }
            }
        }
        return builder.build();
    }
}

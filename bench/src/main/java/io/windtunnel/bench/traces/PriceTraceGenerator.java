package io.windtunnel.bench.traces;

import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.binary.BinaryTraceWriter;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A synthetic spot price trace for benchmarks: {@code keys} instance types across regions, each a random walk
 * around 0.05 USD/h, one row per key per tick in round-robin order, ticks {@code tickNs} apart. Seeded, so every
 * run sees the same rows.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> {@link #next} allocates nothing.
 */
public final class PriceTraceGenerator
{
    /** 2024-01-01T00:00:00Z. */
    public static final long START_NS = 1_704_067_200_000_000_000L;

    private final SplittableRandom random;
    private final KeyDictionary keys = new KeyDictionary(TraceKind.PRICE.keyFields());
    private final double[] pricePerHourUsd;
    private final long tickNs;
    private long row;
    private long timeNs;
    private int keyId;
    private double value;

    /**
     * @param keyCount distinct keys, at least 1.
     * @param tickNs   time between a key's rows.
     * @param seed     random seed.
     */
    public PriceTraceGenerator(final int keyCount, final long tickNs, final long seed)
    {
        this.random = new SplittableRandom(seed);
        this.tickNs = tickNs;
        this.pricePerHourUsd = new double[keyCount];
        final String[] regions = {"us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1"};
        for (int key = 0; key < keyCount; key++)
        {
            keys.intern("aws", regions[key % regions.length], regions[key % regions.length] + "a",
                "m5.type-" + key / regions.length, "spot");
            pricePerHourUsd[key] = 0.05;
        }
    }

    /**
     * @return the keys rows refer to.
     */
    public KeyDictionary keys()
    {
        return keys;
    }

    /**
     * Advance to the next row, readable through {@link #timeNs()}, {@link #keyId()} and {@link #value()}.
     */
    public void next()
    {
        final int keyCount = pricePerHourUsd.length;
        keyId = (int)(row % keyCount);
        timeNs = START_NS + (row / keyCount) * tickNs;
        final double walked = pricePerHourUsd[keyId] * (1 + 0.01 * (random.nextDouble() - 0.5));
        // Prices in cents with four decimals, as providers publish them.
        value = Math.rint(Math.max(0.001, Math.min(1.0, walked)) * 1e4) / 1e4;
        pricePerHourUsd[keyId] = value;
        row++;
    }

    /**
     * @return time of the current row.
     */
    public long timeNs()
    {
        return timeNs;
    }

    /**
     * @return key of the current row.
     */
    public int keyId()
    {
        return keyId;
    }

    /**
     * @return price of the current row, USD per hour.
     */
    public double value()
    {
        return value;
    }

    /**
     * @param rows rows to generate.
     * @return them as a table (for traces that fit in memory).
     */
    public TraceTable table(final int rows)
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        for (int key = 0; key < keys.size(); key++)
        {
            builder.keys().intern(keys.fields(key));
        }
        for (int i = 0; i < rows; i++)
        {
            next();
            builder.add(timeNs, keyId, 0, value);
        }
        return builder.build();
    }

    /**
     * Stream rows into a binary writer created over {@link #keys()}.
     *
     * @param writer the writer.
     * @param rows   rows to append.
     * @throws IOException if writing fails.
     */
    public void writeTo(final BinaryTraceWriter writer, final long rows) throws IOException
    {
        for (long i = 0; i < rows; i++)
        {
            next();
            writer.append(timeNs, keyId, 0, value);
        }
    }
}

package io.windtunnel.simulator.scenario;

import java.util.List;

/**
 * How one trace a scenario read covers the run's window, for {@code summary.json}: the trace's span (declared by
 * the trace, or derived from its rows), the scenario's {@code beyond} setting, and how far the window went outside
 * the span, in total and per key where spans are per key (client regions of a load trace without a declared span,
 * offers of a price trace).
 *
 * @param file             the trace file as the scenario names it.
 * @param kind             the trace's kind label ({@code load-rate}, {@code arrivals}, {@code price}, {@code faults}).
 * @param declared         true if the trace declares its span, false if it was derived from the rows.
 * @param spanStartEpochNs start of the span, epoch ns (the earliest over keys when derived per key).
 * @param spanEndEpochNs   end of the span, epoch ns, exclusive (the latest over keys when derived per key).
 * @param beyond           the scenario's setting.
 * @param beforeNs         how long the window runs before the span starts (the most over keys), 0 if not.
 * @param afterNs          how long the window runs past the span's end (the most over keys), 0 if not.
 * @param keys             per-key spans where they differ by key, else empty.
 */
public record TraceCoverage(
    String file,
    String kind,
    boolean declared,
    long spanStartEpochNs,
    long spanEndEpochNs,
    Beyond beyond,
    long beforeNs,
    long afterNs,
    List<Key> keys)
{
    /**
     * @return true if the run's window went outside the span, so that {@link #beyond()} applied.
     */
    public boolean outside()
    {
        return beforeNs > 0 || afterNs > 0;
    }

    /**
     * The span of one key of a trace.
     *
     * @param key              the key as messages name it (client region, or provider/region/type/market[/zone]).
     * @param spanStartEpochNs start of its span, epoch ns (for an offer: its first price).
     * @param spanEndEpochNs   end of its span, epoch ns, exclusive.
     * @param beforeNs         how long the window runs before the span starts, 0 if not.
     * @param afterNs          how long the window runs past the span's end, 0 if not.
     */
    public record Key(String key, long spanStartEpochNs, long spanEndEpochNs, long beforeNs, long afterNs)
    {
    }
}

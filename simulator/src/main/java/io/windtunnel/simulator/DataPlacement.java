package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.metrics.CompensatedSum;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.simulator.policy.StoragePolicy;
import io.windtunnel.simulator.storage.StorageModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.TransferLedger;

/**
 * Storage placement in a run, for a model with {@link CloudModel#storage}: which candidate locations hold the data
 * set (serving, receiving a copy, dropping), the {@link StoragePolicy}'s answers carried out make-before-break, the
 * data set's growth, and the storage bill.
 * <ul>
 * <li><b>Asked</b> at time 0 before the first control decision (the first locations hold the data at once, no copy),
 * then after each control decision ({@link ControlLoop}).</li>
 * <li><b>Copies:</b> a newly wanted location receives the current size from the nearest serving location (lowest
 * {@link LinkClass}, then the lowest index), billed in the {@link TransferLedger} on that class to the source's
 * provider at the copy's start, and complete after {@code TransferModel.transferNs} (the source region's uplink
 * applies). A location no longer wanted keeps holding and billing until no copy is under way, then drops; one that is
 * wanted again before then simply stays. A copy to a location no longer wanted is abandoned at once (its bytes were
 * moved).</li>
 * <li><b>Growth:</b> at each size step, each holding location (serving or receiving) takes
 * {@code ceil(growth / objectSize)} write requests, and the growth's bytes go from the first serving location to
 * every other holding one on their link class (billed as transfer). A shrinking step writes and copies nothing.</li>
 * <li><b>Storage cost</b> of a location: the exact integral of size x its GB-month price / 730 h over the time it
 * holds the data (from its copy's start to its drop; the size is piecewise constant, so the sum is exact). Request
 * cost: reads ({@link #onRead}) and writes times their per-1,000 prices.</li>
 * <li><b>Reads</b> go to each offer's nearest serving location; the table is {@link TransferPath#locateData},
 * recomputed only when the serving set changes.</li>
 * </ul>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none per read; none per decision, copy or
 * growth step after setup.
 */
final class DataPlacement
{
    /** Time-series columns: cumulative storage USD (GB-month and requests) and GB held over every location. */
    static final String[] SERIES_COLUMNS = {"storage_usd", "storage_gb_held"};

    private static final double NS_PER_HOUR = 3_600e9;

    private final Engine engine;
    private final CloudModel model;
    private final StorageModel storage;
    private final SimulationView view;
    private final StoragePolicy policy;
    private final TransferLedger ledger;
    private final TransferPath path;
    private final TimeSeriesSampler series;
    private final int firstColumn;
    private final int eventType;

    private final boolean[] serving;
    private final boolean[] receiving;
    /** Serving but no longer wanted: drops once no copy is under way. */
    private final boolean[] dropping;
    private final boolean[] held;
    private final boolean[] answer;
    /** Per location: bumped when a copy to it starts or is abandoned, so a stale completion is ignored. */
    private final int[] copyGeneration;
    private final long[] heldNs;
    private final long[] reads;
    private final long[] writes;
    private final CompensatedSum[] gbMonthUsd;
    private int copiesUnderWay;
    private long copies;
    private long copiedBytes;
    private long sizeBytes;
    private int nextStep = 1;
    private long accruedToNs;

    DataPlacement(final Engine engine, final CloudModel model, final SimulationView view, final StoragePolicy policy,
        final TransferLedger ledger, final TransferPath path, final TimeSeriesSampler series, final int firstColumn,
        final int eventType)
    {
        this.engine = engine;
        this.model = model;
        this.storage = model.storage;
        this.view = view;
        this.policy = policy;
        this.ledger = ledger;
        this.path = path;
        this.series = series;
        this.firstColumn = firstColumn;
        this.eventType = eventType;
        final int n = storage.locations();
        serving = new boolean[n];
        receiving = new boolean[n];
        dropping = new boolean[n];
        held = new boolean[n];
        answer = new boolean[n];
        copyGeneration = new int[n];
        heldNs = new long[n];
        reads = new long[n];
        writes = new long[n];
        gbMonthUsd = new CompensatedSum[n];
        for (int l = 0; l < n; l++)
        {
            gbMonthUsd[l] = new CompensatedSum();
        }
        sizeBytes = storage.sizeBytes[0];
    }

    /** Schedule the first growth step, if any lies inside the run. */
    void scheduleGrowth()
    {
        if (nextStep < storage.sizeFromNs.length && storage.sizeFromNs[nextStep] < model.durationNs)
        {
            engine.schedule(storage.sizeFromNs[nextStep], eventType, -1, nextStep, 0);
        }
    }

    /**
     * The first question, at time 0 before the first control decision: the locations wanted hold the data at once.
     *
     * @param nowNs now (0).
     */
    void start(final long nowNs)
    {
        if (!ask())
        {
            throw new IllegalStateException("the storage policy kept the current set at time 0, when no location " +
                "holds the data set: it must name at least one location");
        }
        for (int l = 0; l < answer.length; l++)
        {
            serving[l] = answer[l];
        }
        accruedToNs = nowNs;
        path.locateData(serving);
    }

    /**
     * After a control decision: ask the policy, start copies to the locations newly wanted, mark the others to
     * drop (make before break).
     *
     * @param nowNs now.
     */
    void decide(final long nowNs)
    {
        if (!ask())
        {
            return;
        }
        accrue(nowNs);
        boolean servingChanged = false;
        for (int l = 0; l < answer.length; l++)
        {
            if (answer[l])
            {
                dropping[l] = false;
                if (!serving[l] && !receiving[l])
                {
                    startCopy(nowNs, l);
                }
            }
            else if (receiving[l])
            {
                // Abandoned: the bytes were moved and billed; the location stops holding now.
                receiving[l] = false;
                copyGeneration[l]++;
                copiesUnderWay--;
            }
            else if (serving[l])
            {
                dropping[l] = true;
            }
        }
        servingChanged |= dropIfNoCopy();
        if (servingChanged)
        {
            path.locateData(serving);
        }
    }

    /** @return true if the policy gave a set (copied into {@link #answer}), false to keep the current one. */
    private boolean ask()
    {
        for (int l = 0; l < held.length; l++)
        {
            held[l] = serving[l] || receiving[l];
            answer[l] = held[l];
        }
        if (!policy.placeData(view, answer))
        {
            return false;
        }
        for (final boolean wanted : answer)
        {
            if (wanted)
            {
                return true;
            }
        }
        throw new IllegalStateException("the storage policy " + policy.getClass().getName() + " wanted no location " +
            "at " + engine.nowNs() + " ns: at least one must hold the data set");
    }

    private void startCopy(final long nowNs, final int to)
    {
        final int from = nearestServing(storage.locationRegion[to], storage.locationZone[to]);
        final int sourceRegion = storage.locationRegion[from];
        final int linkClass = LinkClass.between(model, sourceRegion, storage.locationZone[from],
            storage.locationRegion[to], storage.locationZone[to]);
        ledger.record(nowNs, linkClass, model.regionProvider[sourceRegion], sizeBytes, true);
        copies++;
        copiedBytes += sizeBytes;
        receiving[to] = true;
        copiesUnderWay++;
        final long doneNs = nowNs + model.transfer.transferNs(sizeBytes, linkClass, sourceRegion);
        engine.schedule(doneNs, eventType, to, ++copyGeneration[to], 0);
    }

    /**
     * @return the serving location nearest to a place: lowest link class, then lowest index (one serves always).
     */
    private int nearestServing(final int region, final int zone)
    {
        return LinkClass.nearest(model, region, zone, storage.locationRegion, storage.locationZone, serving);
    }

    /**
     * The storage event: a copy's completion ({@code target} = location, {@code payload} = its generation) or a
     * growth step ({@code target} = -1, {@code payload} = the step).
     */
    void onEvent(final long nowNs, final int target, final long payload)
    {
        if (target < 0)
        {
            grow(nowNs, (int)payload);
            return;
        }
        if (!receiving[target] || copyGeneration[target] != (int)payload)
        {
            return;
        }
        accrue(nowNs);
        receiving[target] = false;
        serving[target] = true;
        copiesUnderWay--;
        dropIfNoCopy();
        path.locateData(serving);
    }

    /** Drop the locations marked to drop once no copy is under way. @return true if one dropped. */
    private boolean dropIfNoCopy()
    {
        if (copiesUnderWay > 0)
        {
            return false;
        }
        boolean dropped = false;
        for (int l = 0; l < dropping.length; l++)
        {
            if (dropping[l])
            {
                dropping[l] = false;
                serving[l] = false;
                dropped = true;
            }
        }
        return dropped;
    }

    private void grow(final long nowNs, final int step)
    {
        accrue(nowNs);
        final long newSize = storage.sizeBytes[step];
        final long growth = newSize - sizeBytes;
        sizeBytes = newSize;
        if (growth > 0)
        {
            final long writesPerLocation = (growth + storage.objectBytes - 1) / storage.objectBytes;
            int first = -1;
            for (int l = 0; l < serving.length; l++)
            {
                if (serving[l] && first < 0)
                {
                    first = l;
                }
            }
            for (int l = 0; l < serving.length; l++)
            {
                if (serving[l] || receiving[l])
                {
                    writes[l] += writesPerLocation;
                    if (l != first)
                    {
                        final int firstRegion = storage.locationRegion[first];
                        final int linkClass = LinkClass.between(model, firstRegion, storage.locationZone[first],
                            storage.locationRegion[l], storage.locationZone[l]);
                        ledger.record(nowNs, linkClass, model.regionProvider[firstRegion], growth, true);
                        copiedBytes += growth;
                    }
                }
            }
        }
        nextStep = step + 1;
        scheduleGrowth();
    }

    /** Bill every holding location's storage from the last accrual to now at the current size. */
    void accrue(final long nowNs)
    {
        final long spanNs = nowNs - accruedToNs;
        if (spanNs <= 0)
        {
            return;
        }
        for (int l = 0; l < serving.length; l++)
        {
            if (serving[l] || receiving[l])
            {
                heldNs[l] += spanNs;
                gbMonthUsd[l].add(storage.storageUsdPerHour(l, sizeBytes) * (spanNs / NS_PER_HOUR));
            }
        }
        accruedToNs = nowNs;
    }

    /** A request read from the location (its request price). Allocation-free. */
    void onRead(final int location)
    {
        reads[location]++;
    }

    /**
     * Close a time-series row: storage accrued up to its end; the cumulative storage USD and the GB held now.
     *
     * @param nowNs the row's end.
     */
    void sample(final long nowNs)
    {
        accrue(nowNs);
        final long rowNs = nowNs - 1;
        series.set(rowNs, firstColumn, totalUsd());
        int holding = 0;
        for (int l = 0; l < serving.length; l++)
        {
            if (serving[l] || receiving[l])
            {
                holding++;
            }
        }
        series.set(rowNs, firstColumn + 1, holding * (sizeBytes / (double)ByteUnits.BYTES_PER_GB));
    }

    /** @return storage cost so far (GB-month and requests, every location), USD. */
    double totalUsd()
    {
        double usd = 0;
        for (int l = 0; l < serving.length; l++)
        {
            usd += gbMonthUsd[l].get() + requestUsd(l);
        }
        return usd;
    }

    boolean serving(final int location)
    {
        return serving[location];
    }

    boolean held(final int location)
    {
        return serving[location] || receiving[location];
    }

    long sizeBytes()
    {
        return sizeBytes;
    }

    /** @return hours the location held the data (serving or receiving). */
    double hoursHeld(final int location)
    {
        return heldNs[location] / NS_PER_HOUR;
    }

    /** @return the location's GB-month cost, USD. */
    double gbMonthUsd(final int location)
    {
        return gbMonthUsd[location].get();
    }

    /** @return the location's read and write request cost, USD. */
    double requestUsd(final int location)
    {
        return reads[location] * storage.readPer1kUsd[location] / 1000.0 +
            writes[location] * storage.writePer1kUsd[location] / 1000.0;
    }

    long reads(final int location)
    {
        return reads[location];
    }

    long writes(final int location)
    {
        return writes[location];
    }

    /** @return full copies started. */
    long copies()
    {
        return copies;
    }

    /** @return bytes copied between locations: full copies and growth replication. */
    long copiedBytes()
    {
        return copiedBytes;
    }
}

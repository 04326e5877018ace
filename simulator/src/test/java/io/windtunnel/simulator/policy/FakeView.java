package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.model.CloudModel;

/** A hand-set {@link SimulationView} for policy contract tests. */
final class FakeView implements SimulationView
{
    final CloudModel model;
    int[] ready = new int[0];
    int[] replicaOffer = new int[64];
    int[] replicaQueue = new int[64];
    int[] replicaInFlight = new int[64];
    boolean[] unavailable;
    /** Per region: replicas running against its quota; an offer of a full region is not available. */
    int[] regionRunning;
    double utilization;
    double[] price;
    int active;
    int activeWorkers;
    long nowNs = 1;
    double ratePerSec;
    double[] clientRatePerSec = new double[8];
    int replicaCount;
    long[] replicaLaunchNs = new long[64];
    long[] replicaCompleted = new long[64];
    double[] replicaCostUsd = new double[64];
    int[] offerActive;
    final RandomStream[] random = new RandomStream[PolicySlot.all().size()];

    FakeView(final CloudModel model)
    {
        this.model = model;
        unavailable = new boolean[model.offers()];
        regionRunning = new int[model.regionNames.length];
        price = new double[model.offers()];
        offerActive = new int[model.offers()];
        for (int i = 0; i < random.length; i++)
        {
            random[i] = new RandomStream(1000 + i);
        }
        for (int i = 0; i < price.length; i++)
        {
            price[i] = model.offerPrice[i].pricePerHourUsdAt(0);
        }
    }

    @Override
    public CloudModel model()
    {
        return model;
    }

    @Override
    public long nowNs()
    {
        return nowNs;
    }

    @Override
    public int readyCount()
    {
        return ready.length;
    }

    @Override
    public int readyReplica(final int i)
    {
        return ready[i];
    }

    @Override
    public int activeReplicas()
    {
        return active;
    }

    @Override
    public int activeWorkers()
    {
        return activeWorkers;
    }

    @Override
    public int replicaOffer(final int replica)
    {
        return replicaOffer[replica];
    }

    @Override
    public int replicaState(final int replica)
    {
        for (final int r : ready)
        {
            if (r == replica)
            {
                return READY;
            }
        }
        return TERMINATED;
    }

    @Override
    public int replicaQueueLength(final int replica)
    {
        return replicaQueue[replica];
    }

    @Override
    public int replicaInFlight(final int replica)
    {
        return replicaInFlight[replica];
    }

    @Override
    public int replicaBusy(final int replica)
    {
        return 0;
    }

    @Override
    public boolean offerAvailable(final int offer)
    {
        final int region = model.offerRegion[offer];
        return !unavailable[offer] && regionRunning[region] < model.regionQuota[region];
    }

    @Override
    public double offerPricePerHourUsd(final int offer)
    {
        return price[offer];
    }

    @Override
    public double observedArrivalRatePerSec()
    {
        return ratePerSec;
    }

    @Override
    public double observedUtilization()
    {
        return utilization;
    }

    @Override
    public int replicaCount()
    {
        return replicaCount;
    }

    @Override
    public long replicaLaunchNs(final int replica)
    {
        return replicaLaunchNs[replica];
    }

    @Override
    public long replicaCompleted(final int replica)
    {
        return replicaCompleted[replica];
    }

    @Override
    public double replicaCostUsd(final int replica)
    {
        return replicaCostUsd[replica];
    }

    @Override
    public int offerActiveReplicas(final int offer)
    {
        return offerActive[offer];
    }

    @Override
    public int regionReplicas(final int region)
    {
        return regionRunning[region];
    }

    @Override
    public double observedClientArrivalRatePerSec(final int client)
    {
        return clientRatePerSec[client];
    }

    @Override
    public RandomStream random(final PolicySlot<?> slot)
    {
        return random[PolicySlot.all().indexOf(slot)];
    }

    /** What {@link #readySetVersion()} returns: -1 (the default, untracked) unless a test sets it. */
    long readySetVersion = -1;

    @Override
    public long readySetVersion()
    {
        return readySetVersion;
    }

    // ---------------------------------------------------------------- storage placement (StoragePolicyContractTest)

    /** Per storage location: serving reads (null: none, as without a storage section). */
    boolean[] dataServing;
    /** Per storage location: holding or receiving the data set (null: none). */
    boolean[] dataHeld;
    /** The data set's size now, bytes. */
    long dataSetBytes;

    @Override
    public boolean dataServing(final int location)
    {
        return dataServing != null && dataServing[location];
    }

    @Override
    public boolean dataHeld(final int location)
    {
        return dataHeld != null && dataHeld[location];
    }

    // ---- near-data (issue 16, "Storage placement"): transfer estimates and a recorder, set by tests

    /** What {@link #decisions()} returns: {@link DecisionRecorder#NONE} unless a test sets one. */
    DecisionRecorder decisions = DecisionRecorder.NONE;
    /** Per offer: {@link #offerTransferUsdPerRequest(int)} (0 unless a test sets it). */
    double[] transferUsdPerRequest = new double[64];
    /** Per offer and storage location: {@link #offerTransferUsdPerRequest(int, int)}. */
    double[][] transferUsdPerRequestFrom = new double[64][8];
    /** Per storage location pair (from, to): {@link #dataCopyUsd}. */
    double[][] copyUsd = new double[8][8];

    @Override
    public DecisionRecorder decisions()
    {
        return decisions;
    }

    @Override
    public double offerTransferUsdPerRequest(final int offer)
    {
        return transferUsdPerRequest[offer];
    }

    @Override
    public double offerTransferUsdPerRequest(final int offer, final int location)
    {
        return transferUsdPerRequestFrom[offer][location];
    }

    @Override
    public double dataCopyUsd(final int fromLocation, final int toLocation)
    {
        return copyUsd[fromLocation][toLocation];
    }

    @Override
    public long dataSetBytes()
    {
        return dataSetBytes;
    }
}

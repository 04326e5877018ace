package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.model.CloudModel;

/**
 * What a policy may read of a running simulation: primitive queries over the replica and offer tables. Policies
 * receive it on every call and must not keep state derived from it across runs.
 * <p>
 * <b>Threading:</b> the run's own thread only. <b>Allocation:</b> no method allocates.
 */
public interface SimulationView
{
    /** Replica state: launched, booting. */
    int PROVISIONING = 1;
    /** Replica state: serving and taking new requests. */
    int READY = 2;
    /** Replica state: finishing its requests before termination (scale-down). */
    int DRAINING = 3;
    /** Replica state: preemption notice received; serves until the notice ends. */
    int PREEMPTING = 4;
    /** Replica state: terminated by the simulation (scale-down or end). */
    int TERMINATED = 5;
    /** Replica state: taken back by the provider. */
    int PREEMPTED = 6;
    /** Replica state: failed (instance failure or region outage). */
    int FAILED = 7;

    /**
     * @return the static model.
     */
    CloudModel model();

    /**
     * @return simulated time, ns since the scenario start.
     */
    long nowNs();

    /**
     * @return replicas in state {@link #READY}.
     */
    int readyCount();

    /**
     * @param i position, below {@link #readyCount()}.
     * @return the replica at that position of the ready list (order changes as replicas come and go).
     */
    int readyReplica(int i);

    /**
     * @return replicas provisioning or ready: the capacity the autoscaler controls.
     */
    int activeReplicas();

    /**
     * @return workers of the active replicas.
     */
    int activeWorkers();

    /**
     * @param replica replica index.
     * @return its offer.
     */
    int replicaOffer(int replica);

    /**
     * @param replica replica index.
     * @return the zone it runs in (its offer's), or {@link CloudModel#NO_ZONE} if its offer covers the whole region.
     */
    default int replicaZone(final int replica)
    {
        return model().offerZone[replicaOffer(replica)];
    }

    /**
     * @param replica replica index.
     * @return its state.
     */
    int replicaState(int replica);

    /**
     * @param replica replica index.
     * @return requests waiting in its queue.
     */
    int replicaQueueLength(int replica);

    /**
     * @param replica replica index.
     * @return its busy workers.
     */
    int replicaBusy(int replica);

    /**
     * The simulator's own count of the attempts a replica has in hand: sent to it by the balancer and not yet ended
     * (on their way over the network, queued, or in service). It goes up by one when the balancer picks the replica
     * and down by one when that attempt ends, however it ends (completed, timed out, lost with the replica, turned
     * away by a full queue), so it is exact and never negative. A replica that ended with requests in hand counts
     * only the ones still on their way to it (they are lost when they arrive).
     *
     * @param replica replica index.
     * @return its attempts in flight, at least 0.
     */
    int replicaInFlight(int replica);

    /**
     * @return where policies record why they decided; {@link DecisionRecorder#NONE} (records nothing) unless the run
     * was given one.
     */
    default DecisionRecorder decisions()
    {
        return DecisionRecorder.NONE;
    }

    /**
     * @param offer offer index.
     * @return true if a replica of that offer can be launched now (region and zone up, spot capacity and quota
     * left).
     */
    boolean offerAvailable(int offer);

    /**
     * @param offer offer index.
     * @return its price now, USD per hour.
     */
    double offerPricePerHourUsd(int offer);

    /**
     * @return arrivals per second observed over the last control interval (0 before the first one ends).
     */
    double observedArrivalRatePerSec();

    /**
     * @return busy workers over serving workers in the last control interval, in [0, 1].
     */
    double observedUtilization();

    /**
     * @return replicas launched so far in the run; replica indexes are {@code [0, replicaCount())}, ended ones
     * included (their state says so).
     */
    int replicaCount();

    /**
     * @param replica replica index.
     * @return when it was launched, ns.
     */
    long replicaLaunchNs(int replica);

    /**
     * @param replica replica index.
     * @return attempts it served to completion so far (responses that reached their client).
     */
    long replicaCompleted(int replica);

    /**
     * @param replica replica index.
     * @return its cost, USD: the final bill once it has ended; while it runs, its offer's price integrated from its
     * launch to now (before the provider's billing rule rounds it).
     */
    double replicaCostUsd(int replica);

    /**
     * @param offer offer index.
     * @return its active replicas (provisioning or ready).
     */
    int offerActiveReplicas(int offer);

    /**
     * @param region region index.
     * @return its replicas not yet ended (provisioning, ready, draining or under a preemption notice): what counts
     * against the region's quota in {@link #offerAvailable}.
     */
    int regionReplicas(int region);

    /**
     * @param client client region index.
     * @return that client region's arrivals per second over the last control interval (0 before the first one ends).
     */
    double observedClientArrivalRatePerSec(int client);

    /**
     * A seeded random stream for one policy slot of this run, derived from the replication's seed and the slot's
     * name only, so a policy's draws do not disturb the request stream or other slots, and two stacks whose
     * policies draw alike see the same numbers (common random numbers). The same object on every call: fetch it
     * once (the first call may allocate it).
     *
     * @param slot the calling policy's slot.
     * @return the slot's stream.
     */
    RandomStream random(PolicySlot<?> slot);

    /**
     * A number that changes whenever the ready list changes (a replica joins or leaves it), so that a balancer that
     * keeps its own copy of the ready set (round-robin's SkyServe reshuffle) can tell in O(1) whether its copy is
     * stale instead of comparing the lists at each request. Only equality is meaningful; the value itself is not.
     * The default, -1, means the view does not know: a caller must then compare the lists itself.
     *
     * @return the ready list's version, or -1 if this view does not track it.
     */
    default long readySetVersion()
    {
        return -1;
    }

    /**
     * @param replica replica index.
     * @return true if it is a spare a failover policy keeps outside the autoscaler's count ({@link FleetControl}).
     */
    default boolean replicaSpare(final int replica)
    {
        return false;
    }

    /**
     * Storage placement: does the location hold a complete copy of the data set now, so that reads can go there
     * (see {@link StoragePolicy})? False for every location in a scenario without a {@code storage:} section.
     *
     * @param location index into {@code model().storage}'s locations.
     * @return true if it serves reads now.
     */
    default boolean dataServing(final int location)
    {
        return false;
    }

    /**
     * Storage placement: does the location hold the data set or is a copy to it under way (what a
     * {@link StoragePolicy} receives in {@code held})?
     *
     * @param location index into {@code model().storage}'s locations.
     * @return true if it holds it or is receiving it.
     */
    default boolean dataHeld(final int location)
    {
        return false;
    }

    /**
     * @return the data set's size now, bytes (0 without a {@code storage:} section).
     */
    default long dataSetBytes()
    {
        return 0;
    }

    /**
     * The expected transfer cost of serving one request from a replica of the offer with the data set where it is
     * now: the request's mean data-set read from the nearest serving holder (billed to the holder's provider) plus
     * the mean response to the clients, weighted by their observed arrival rates (billed to the offer's provider),
     * each at the marginal price of its provider's current monthly volume tier. 0 in a model without bytes.
     *
     * @param offer an offer.
     * @return USD per request.
     */
    default double offerTransferUsdPerRequest(final int offer)
    {
        return 0;
    }

    /**
     * As {@link #offerTransferUsdPerRequest(int)}, but as if the data set were held at {@code location} alone: what
     * a storage policy weighing locations (an LP over storage and compute) needs.
     *
     * @param offer    an offer.
     * @param location index into {@code model().storage}'s locations.
     * @return USD per request.
     */
    default double offerTransferUsdPerRequest(final int offer, final int location)
    {
        return 0;
    }

    /**
     * Storage placement: what copying the data set, at its current size ({@link #dataSetBytes()}), from one storage
     * location to another would cost now: the transfer on their link class billed to the sending location's provider
     * at the exact tiered price from its current monthly volume (what a storage policy weighing a move needs).
     *
     * @param fromLocation the location sending the copy (index into {@code model().storage}'s locations).
     * @param toLocation   the location receiving it.
     * @return USD; 0 in a model without bytes or storage.
     */
    default double dataCopyUsd(final int fromLocation, final int toLocation)
    {
        return 0;
    }
}

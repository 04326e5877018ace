package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.storage.StorageModel;

/**
 * Storage placement (slot {@code storage}): which of the scenario's candidate storage locations
 * ({@link StorageModel}, {@code storage.locations}) hold the data set the replicas read. Only asked in a scenario
 * with a {@code storage:} section.
 * <p>
 * <b>When.</b> Once at time 0, before the first control decision (every entry of {@code held} false), and then after
 * each control decision, once the compute placement has planned and launched (so a policy that follows compute sees
 * the replicas just launched).
 * <p>
 * <b>What the simulation does with the answer</b> (make before break): a location newly wanted receives a copy of the
 * data set from the nearest location holding it now (lowest link class, then the first), a transfer of the current
 * size billed on that link and taking size / bandwidth of the class; it serves reads once its copy is complete.
 * Locations no longer wanted keep holding (and billing) the data until every new copy is complete, then drop it. At
 * time 0 the first locations hold the data at once, with no copy. Reads go to the nearest serving holder of each
 * replica ({@link SimulationView#dataServing}).
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> should allocate nothing after its first call (it runs
 * per control decision, never per request).
 */
public interface StoragePolicy
{
    /**
     * What a storage policy's recorded decisions' policy names start with ({@code storage:co-located}): their options
     * are storage locations, not offers, and explanations name them so.
     */
    String DECISION_PREFIX = "storage:";

    /**
     * A recorded option whose index is not a location (a candidate set of several, {@code storage-lp}'s pairs) names
     * its members with these scores: the first location's index, and the second's ({@code -1} for none). Explanations
     * ({@code decisions.jsonl}) then name the option "first+second".
     */
    String SCORE_LOCATION = "location";
    /** See {@link #SCORE_LOCATION}. */
    String SCORE_SECOND_LOCATION = "secondLocation";

    /**
     * @param view the running simulation; {@link SimulationView#model()}{@code .storage} is the candidate locations.
     * @param held one entry per location: on entry, whether it holds the data set now (serving or being copied to);
     *             on return (if true), whether it should.
     * @return true if {@code held} holds the wanted set (at least one location; none is a bug in the policy and
     *         stops the run with an exception), false to keep the current set (the array is not read).
     */
    boolean placeData(SimulationView view, boolean[] held);
}

package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.storage.StorageModel;

/**
 * Storage baseline ({@code cheapest-storage}, the slot's default): the data set lives in the one candidate location
 * with the lowest GB-month price (ties to the first listed) and never moves. Reads from far clients and compute pay
 * transfer; no copy is ever made.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> the price order once; nothing per decision.
 */
public final class CheapestStorage implements StoragePolicy
{
    /** The YAML type. */
    static final String TYPE = "cheapest-storage";
    private static final String DECISION = DECISION_PREFIX + TYPE;
    private static final String RULE = "lowest GB-month price, fixed";

    private final StorageChoice choice = new StorageChoice();

    @Override
    public boolean placeData(final SimulationView view, final boolean[] held)
    {
        final StorageModel storage = view.model().storage;
        StorageChoice.clear(held);
        held[choice.byPrice(storage)[0]] = true;
        StorageChoice.record(view, DECISION, held, RULE);
        return true;
    }

    /** Registry entry: {@code type: cheapest-storage}. */
    public static final class Provider extends PolicyProvider<StoragePolicy>
    {
        /** Declares the type (no parameters). */
        public Provider()
        {
            super(PolicySlot.STORAGE, TYPE, "the one location with the lowest GB-month price; never moves");
        }

        @Override
        public StoragePolicy create(final PolicyArguments arguments)
        {
            return new CheapestStorage();
        }
    }
}

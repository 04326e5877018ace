package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.storage.StorageModel;

import java.util.Arrays;

/**
 * Storage that follows compute ({@code co-located}): in each region with active compute replicas that has a candidate
 * location, the cheapest location of that region (GB-month price, ties to the first listed); before any replica (or
 * when no such region has a location), the cheapest location overall. Reads then stay inside a region where it can;
 * the price is a copy of the whole data set (billed as transfer) each time compute moves to a new region, and the
 * old copy is billed until the new one is complete (make before break).
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> the price order and a region mask once; nothing per
 * decision.
 */
public final class CoLocatedStorage implements StoragePolicy
{
    /** The YAML type. */
    static final String TYPE = "co-located";
    private static final String DECISION = DECISION_PREFIX + TYPE;
    private static final String RULE = "cheapest location in each region with compute";
    private static final String RULE_NO_COMPUTE = "no region with compute has a location: cheapest overall";

    private final StorageChoice choice = new StorageChoice();
    private boolean[] regionTaken;

    @Override
    public boolean placeData(final SimulationView view, final boolean[] held)
    {
        final StorageModel storage = view.model().storage;
        if (regionTaken == null)
        {
            regionTaken = new boolean[view.model().regionNames.length];
        }
        StorageChoice.clear(held);
        Arrays.fill(regionTaken, false);
        final int[] byPrice = choice.byPrice(storage);
        boolean any = false;
        for (final int l : byPrice)
        {
            final int region = storage.locationRegion[l];
            if (!regionTaken[region] && view.regionReplicas(region) > 0)
            {
                regionTaken[region] = true;
                held[l] = true;
                any = true;
            }
        }
        if (!any)
        {
            held[byPrice[0]] = true;
        }
        StorageChoice.record(view, DECISION, held, any ? RULE : RULE_NO_COMPUTE);
        return true;
    }

    /** Registry entry: {@code type: co-located}. */
    public static final class Provider extends PolicyProvider<StoragePolicy>
    {
        /** Declares the type (no parameters). */
        public Provider()
        {
            super(PolicySlot.STORAGE, TYPE,
                "the cheapest location in each region with compute replicas (cheapest overall before any); " +
                    "copies follow compute");
        }

        @Override
        public StoragePolicy create(final PolicyArguments arguments)
        {
            return new CoLocatedStorage();
        }
    }
}

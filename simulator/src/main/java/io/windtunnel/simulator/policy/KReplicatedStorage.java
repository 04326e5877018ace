package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.storage.StorageModel;

import java.util.Arrays;

/**
 * Storage replicated in {@code k} regions ({@code k-replicated}): the {@code k} cheapest locations (GB-month price,
 * ties to the first listed) in {@code k} distinct regions, and with {@code distinctProviders: true} on distinct
 * providers as well; fewer if the candidates do not allow {@code k}. The set depends on the prices only, so it is
 * chosen at time 0 and never moves: k copies billed all run, reads served from the nearest of them.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> the price order and masks once; nothing per decision.
 */
public final class KReplicatedStorage implements StoragePolicy
{
    /** The YAML type. */
    static final String TYPE = "k-replicated";
    private static final String DECISION = DECISION_PREFIX + TYPE;
    private static final String RULE = "k cheapest locations in distinct regions";

    private final int k;
    private final boolean distinctProviders;
    private final StorageChoice choice = new StorageChoice();
    private boolean[] regionTaken;
    private boolean[] providerTaken;

    /**
     * @param k                 locations to hold the data set (>= 1).
     * @param distinctProviders also on distinct providers.
     */
    public KReplicatedStorage(final int k, final boolean distinctProviders)
    {
        if (k < 1)
        {
            throw new IllegalArgumentException("k must be at least 1");
        }
        this.k = k;
        this.distinctProviders = distinctProviders;
    }

    @Override
    public boolean placeData(final SimulationView view, final boolean[] held)
    {
        final StorageModel storage = view.model().storage;
        if (regionTaken == null)
        {
            regionTaken = new boolean[view.model().regionNames.length];
            providerTaken = new boolean[view.model().providerNames.length];
        }
        StorageChoice.clear(held);
        Arrays.fill(regionTaken, false);
        Arrays.fill(providerTaken, false);
        int chosen = 0;
        for (final int l : choice.byPrice(storage))
        {
            if (chosen == k)
            {
                break;
            }
            final int region = storage.locationRegion[l];
            final int provider = view.model().regionProvider[region];
            if (regionTaken[region] || distinctProviders && providerTaken[provider])
            {
                continue;
            }
            regionTaken[region] = true;
            providerTaken[provider] = true;
            held[l] = true;
            chosen++;
        }
        StorageChoice.record(view, DECISION, held, RULE);
        return true;
    }

    /** Registry entry: {@code type: k-replicated}. */
    public static final class Provider extends PolicyProvider<StoragePolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.STORAGE, TYPE, "the k cheapest locations in k distinct regions (optionally providers)",
                PolicyParameter.integer("k", 1, 1_000).defaultValue(2).unit("locations")
                    .doc("locations holding the data set, each in its own region").build(),
                PolicyParameter.bool("distinctProviders").defaultValue(false)
                    .doc("also one location per provider at most").build());
        }

        @Override
        public StoragePolicy create(final PolicyArguments arguments)
        {
            return new KReplicatedStorage(arguments.getInt("k"), arguments.getBoolean("distinctProviders"));
        }
    }
}

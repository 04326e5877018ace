package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.storage.StorageModel;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * What the built-in storage policies share: the candidate locations in GB-month price order (ties to the lower
 * index), and the recording of a storage decision (every location an option, with its GB-month price, its region's
 * active replicas and whether it was wanted).
 * <p>
 * <b>Threading:</b> not thread-safe; one per policy instance. <b>Allocation:</b> the order once, when it first sees
 * the model; nothing per decision.
 */
final class StorageChoice
{
    /** Score: the location's USD per GB-month. */
    static final String GB_MONTH_USD = "usd_per_gb_month";
    /** Score: active replicas in the location's region. */
    static final String REGION_REPLICAS = "region_replicas";
    /** Score: 1 if the policy wants the location to hold the data set, else 0. */
    static final String WANTED = "wanted";

    private int[] byPrice;

    /**
     * @param storage the candidate locations.
     * @return location indexes from the cheapest GB-month price up, ties to the lower index (made once).
     */
    int[] byPrice(final StorageModel storage)
    {
        if (byPrice == null)
        {
            byPrice = IntStream.range(0, storage.locations()).boxed()
                .sorted(Comparator.comparingDouble((Integer l) -> storage.gbMonthUsd[l]).thenComparingInt(l -> l))
                .mapToInt(Integer::intValue).toArray();
        }
        return byPrice;
    }

    /**
     * Record the decision (if the run records decisions): every location with its scores; the choice is the first
     * wanted location in index order.
     *
     * @param view   the running simulation.
     * @param policy the policy's name in decisions, a constant ({@link StoragePolicy#DECISION_PREFIX} + type).
     * @param wanted the answer.
     * @param rule   the rule that made it, a constant.
     */
    static void record(final SimulationView view, final String policy, final boolean[] wanted, final String rule)
    {
        final DecisionRecorder decisions = view.decisions();
        if (!decisions.enabled())
        {
            return;
        }
        final StorageModel storage = view.model().storage;
        decisions.begin(view.nowNs(), policy);
        int first = -1;
        for (int l = 0; l < wanted.length; l++)
        {
            decisions.option(l);
            decisions.score(GB_MONTH_USD, storage.gbMonthUsd[l]);
            decisions.score(REGION_REPLICAS, view.regionReplicas(storage.locationRegion[l]));
            decisions.score(WANTED, wanted[l] ? 1 : 0);
            if (wanted[l] && first < 0)
            {
                first = l;
            }
        }
        decisions.chose(first, rule);
    }

    /** @param held set to false everywhere. */
    static void clear(final boolean[] held)
    {
        Arrays.fill(held, false);
    }
}

package io.windtunnel.simulator;

import io.windtunnel.simulator.policy.DecisionRecorder;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.SimulationView;

import java.util.Arrays;

/**
 * A test placement that answers with plans ({@link PlacementPolicy#planAllocation}): it keeps what runs, adds the
 * shortfall to the cheapest available allowed offer and takes a surplus from the last offers first; a single launch
 * (failover replacements) goes to the cheapest available allowed offer, recorded in the run's decision recorder when
 * it has one. Allocates nothing per call.
 */
public final class TopUpPlacement implements PlacementPolicy
{
    private static final String TYPE = "top-up-test";
    private static final String PRICE = "pricePerHourUsd";
    private static final String RULE = "cheapest available allowed";

    private final boolean[] allowed;
    /** Plans answered. */
    public int plans;

    /**
     * @param allowed per offer: may it be used; null for all.
     * @param offers  offers of the model.
     */
    public TopUpPlacement(final boolean[] allowed, final int offers)
    {
        if (allowed == null)
        {
            this.allowed = new boolean[offers];
            Arrays.fill(this.allowed, true);
        }
        else
        {
            this.allowed = allowed.clone();
        }
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        final DecisionRecorder decisions = view.decisions();
        final boolean explain = decisions.enabled();
        if (explain)
        {
            decisions.begin(view.nowNs(), TYPE);
        }
        final int best = cheapest(view, explain ? decisions : null);
        if (explain)
        {
            decisions.chose(best, RULE);
        }
        return best;
    }

    private int cheapest(final SimulationView view, final DecisionRecorder decisions)
    {
        int best = -1;
        for (int offer = 0; offer < allowed.length; offer++)
        {
            if (!allowed[offer] || !view.offerAvailable(offer))
            {
                continue;
            }
            if (decisions != null)
            {
                decisions.option(offer);
                decisions.score(PRICE, view.offerPricePerHourUsd(offer));
            }
            if (best < 0 || view.offerPricePerHourUsd(offer) < view.offerPricePerHourUsd(best))
            {
                best = offer;
            }
        }
        return best;
    }

    @Override
    public boolean planAllocation(final SimulationView view, final int desiredReplicas, final int[] replicasPerOffer)
    {
        plans++;
        int total = 0;
        for (final int replicas : replicasPerOffer)
        {
            total += replicas;
        }
        final int cheapest = cheapest(view, null);
        if (total < desiredReplicas && cheapest >= 0)
        {
            replicasPerOffer[cheapest] += desiredReplicas - total;
        }
        for (int offer = replicasPerOffer.length - 1; offer >= 0 && total > desiredReplicas; offer--)
        {
            final int take = Math.min(replicasPerOffer[offer], total - desiredReplicas);
            replicasPerOffer[offer] -= take;
            total -= take;
        }
        return true;
    }
}

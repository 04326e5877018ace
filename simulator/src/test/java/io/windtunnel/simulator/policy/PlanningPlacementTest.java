package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The placement kit on a policy that answers with plans ({@link PlacementPolicy#planAllocation}), so that the kit's
 * plan checks run on something (the built-ins answer one offer per launch).
 */
class PlanningPlacementTest extends PlacementContractTest
{
    /**
     * Keeps what runs; adds the shortfall to the cheapest available allowed offer, takes a surplus from the last
     * offers first. Replacements go to the cheapest available allowed offer too.
     */
    static final class TopUpCheapest implements PlacementPolicy
    {
        private final boolean[] allowed;
        int plans;

        TopUpCheapest(final boolean[] allowed)
        {
            this.allowed = allowed;
        }

        @Override
        public int chooseOffer(final SimulationView view)
        {
            int best = -1;
            for (int offer = 0; offer < allowed.length; offer++)
            {
                if (allowed[offer] && view.offerAvailable(offer) &&
                    (best < 0 || view.offerPricePerHourUsd(offer) < view.offerPricePerHourUsd(best)))
                {
                    best = offer;
                }
            }
            return best;
        }

        @Override
        public boolean planAllocation(
            final SimulationView view, final int desiredReplicas, final int[] replicasPerOffer)
        {
            plans++;
            int total = 0;
            for (final int replicas : replicasPerOffer)
            {
                total += replicas;
            }
            final int cheapest = chooseOffer(view);
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

    private static boolean[] all(final CloudModel model)
    {
        final boolean[] allowed = new boolean[model.offers()];
        java.util.Arrays.fill(allowed, true);
        return allowed;
    }

    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new TopUpCheapest(all(model));
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        final boolean[] allowed = new boolean[model.offers()];
        for (int offer = 0; offer < allowed.length; offer++)
        {
            allowed[offer] = restrictedAllows(model, offer);
        }
        return new TopUpCheapest(allowed);
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.ON_DEMAND;
    }

    @Test
    void shouldRunOnPlansWhenPlacementAnswersWithThem()
    {
        final TopUpCheapest placement = new TopUpCheapest(all(ContractRuns.model()));
        final Simulation simulation = ContractRuns.runAndCheckConservation(null, placement, null, null);

        assertThat(placement.plans).isEqualTo(60);
        assertThat(simulation.launches()).isPositive();
        assertThat(simulation.completed()).isGreaterThan(simulation.arrivals() / 2);
    }
}

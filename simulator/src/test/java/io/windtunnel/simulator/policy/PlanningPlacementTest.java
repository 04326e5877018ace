package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.TopUpPlacement;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The placement kit on a policy that answers with plans ({@link PlacementPolicy#planAllocation}), so that the kit's
 * plan checks run on something (the built-ins answer one offer per launch).
 */
class PlanningPlacementTest extends PlacementContractTest
{
    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new TopUpPlacement(null, model.offers());
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        final boolean[] allowed = new boolean[model.offers()];
        for (int offer = 0; offer < allowed.length; offer++)
        {
            allowed[offer] = restrictedAllows(model, offer);
        }
        return new TopUpPlacement(allowed, model.offers());
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.ON_DEMAND;
    }

    @Test
    void shouldRunOnPlansWhenPlacementAnswersWithThem()
    {
        final TopUpPlacement placement = new TopUpPlacement(null, ContractRuns.model().offers());
        final Simulation simulation = ContractRuns.runAndCheckConservation(null, placement, null, null);

        // One plan per control decision: an hour of one-minute intervals.
        assertThat(placement.plans).isEqualTo(60);
        assertThat(simulation.launches()).isPositive();
        assertThat(simulation.completed()).isGreaterThan(simulation.arrivals() / 2);
    }
}

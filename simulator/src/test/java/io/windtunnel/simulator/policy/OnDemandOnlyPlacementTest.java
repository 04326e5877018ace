package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OnDemandOnlyPlacementTest extends PlacementContractTest
{
    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new OnDemandOnlyPlacement(new boolean[] {true, true}, new boolean[] {true, true, true});
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        // gcp only.
        return new OnDemandOnlyPlacement(new boolean[] {false, true}, new boolean[] {true, true, true});
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.ON_DEMAND && model.typeProvider[model.offerType[offer]] == 1;
    }

    @Test
    void shouldPickCheapestOnDemandPerWorkerAndNeverSpot()
    {
        final CloudModel model = ContractRuns.model();
        final FakeView view = new FakeView(model);
        // offers: 0 aws east spot, 1 aws east on-demand (2 workers), 2 aws west spot, 3 gcp spot,
        // 4 gcp central on-demand (2 workers, speed 1.2)
        view.price = new double[] {0.001, 0.10, 0.001, 0.001, 0.11};
        // 0.10 / 2 = 0.05 per worker; 0.11 / 2.4 = 0.0458: gcp is cheaper per worker-speed.
        assertThat(newPlacement(model).chooseOffer(view)).isEqualTo(4);
        view.price[4] = 0.13;
        assertThat(newPlacement(model).chooseOffer(view)).isEqualTo(1);
        // Regions: us-central1 only.
        assertThat(new OnDemandOnlyPlacement(new boolean[] {true, true}, new boolean[] {false, false, true})
            .chooseOffer(view)).isEqualTo(4);
        view.unavailable[1] = true;
        view.unavailable[4] = true;
        assertThat(newPlacement(model).chooseOffer(view)).as("spot is never a fallback").isEqualTo(-1);
    }

    @Test
    void shouldRunNoSpotReplicaAndSeeNoPreemptionThroughFaultyRun()
    {
        final Simulation simulation = ContractRuns.runAndCheckConservation(null,
            newPlacement(ContractRuns.model()), null, null);
        final CloudModel model = ContractRuns.model();
        for (int replica = 0; replica < simulation.launches(); replica++)
        {
            assertThat(model.offerMarket[simulation.replicaOffer(replica)]).isEqualTo(CloudModel.ON_DEMAND);
        }
        assertThat(simulation.preemptions()).isZero();
    }
}

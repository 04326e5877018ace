package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SingleRegionSpotPlacementTest extends PlacementContractTest
{
    private static final PolicyContext CONTEXT = new PolicyContext(List.of("aws", "gcp"),
        List.of("us-east-1", "eu-west-1", "us-central1"), List.of("us", "eu"));

    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new SingleRegionSpotPlacement(model.regionIndex("us-east-1"), model.regionNames.length);
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        return new SingleRegionSpotPlacement(model.regionIndex("us-central1"), model.regionNames.length);
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.SPOT &&
            model.offerRegion[offer] == model.regionIndex("us-central1");
    }

    @Test
    void shouldPickCheapestSpotOfferOfItsRegionOnly()
    {
        final CloudModel model = ContractRuns.model();
        final FakeView view = new FakeView(model);
        // offers: 0 aws east spot, 1 aws east on-demand, 2 aws west spot, 3 gcp central spot, 4 gcp on-demand
        view.price = new double[] {0.05, 0.001, 0.01, 0.01, 0.001};
        assertThat(newPlacement(model).chooseOffer(view)).as("east's spot, not cheaper elsewhere").isEqualTo(0);
        assertThat(new SingleRegionSpotPlacement(model.regionIndex("eu-west-1"), 3).chooseOffer(view))
            .isEqualTo(2);
    }

    @Test
    void shouldRefuseWhenItsRegionHasNoSpotCapacityEvenIfOthersHave()
    {
        final CloudModel model = ContractRuns.model();
        final FakeView view = new FakeView(model);
        view.unavailable[0] = true;
        assertThat(newPlacement(model).chooseOffer(view)).isEqualTo(-1);
        view.unavailable[0] = false;
        view.regionRunning[model.regionIndex("us-east-1")] = model.regionQuota[model.regionIndex("us-east-1")];
        assertThat(newPlacement(model).chooseOffer(view)).as("quota used up").isEqualTo(-1);
    }

    @Test
    void shouldRefuseLaunchesAndCountThemWhenItsPoolDisappears()
    {
        // us-central1's n2 spot pool disappears at 40 minutes: launches there are refused, never placed elsewhere.
        final CloudModel model = ContractRuns.model();
        final Simulation simulation = ContractRuns.runAndCheckConservation(null, newRestricted(model), null, null);
        assertThat(simulation.launchesRefused()).isPositive();
        for (int replica = 0; replica < simulation.launches(); replica++)
        {
            assertThat(restrictedAllows(model, simulation.replicaOffer(replica))).isTrue();
        }
    }

    @Test
    void shouldDemandExactlyOneRegionWhenCreated()
    {
        final SingleRegionSpotPlacement.Provider provider = new SingleRegionSpotPlacement.Provider();
        assertThat(provider.create(new PolicyArguments(provider, Map.of("region", List.of("eu-west-1")), CONTEXT)))
            .isInstanceOf(SingleRegionSpotPlacement.class);
        assertThatThrownBy(() -> provider.create(new PolicyArguments(provider,
            Map.of("region", List.of("us-east-1", "eu-west-1")), CONTEXT)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'region' must name exactly one region, e.g. region: us-east-1; it names 2 (an absent " +
                "'region' means all of the scenario's regions: us-east-1, eu-west-1, us-central1)");
        assertThatThrownBy(() -> provider.create(new PolicyArguments(provider, Map.of("region", List.of()),
            CONTEXT))).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.ConservationTestModels;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every placement policy must do; subclass per implementation. */
abstract class PlacementContractTest
{
    abstract PlacementPolicy newPlacement(CloudModel model);

    @Test
    void shouldChooseAnAvailableOfferOrNoneWhenAvailabilityVaries()
    {
        final CloudModel model = ConservationTestModels.small();
        final FakeView view = new FakeView(model);
        final PlacementPolicy placement = newPlacement(model);
        final RandomStream random = new RandomStream(23);
        for (int round = 0; round < 500; round++)
        {
            for (int o = 0; o < model.offers(); o++)
            {
                view.unavailable[o] = random.bernoulli(0.5);
                view.price[o] = random.uniform(0.01, 1.0);
            }
            final int offer = placement.chooseOffer(view);
            if (offer < 0)
            {
                for (int o = 0; o < model.offers(); o++)
                {
                    assertThat(view.offerAvailable(o)).as("offer %d was available", o).isFalse();
                }
            }
            else
            {
                assertThat(view.offerAvailable(offer)).isTrue();
            }
        }
    }
}

class CheapestPricePlacementTest extends PlacementContractTest
{
    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true, true});
    }

    @Test
    void shouldPickLowestPricePerWorkerAmongAllowedWhenSeveralAreAvailable()
    {
        final CloudModel model = ConservationTestModels.small();
        final FakeView view = new FakeView(model);
        // offers: 0 aws spot (2 workers, speed 1), 1 aws on-demand, 2 aws west spot, 3 gcp spot (2 workers, 1.2),
        // 4 gcp on-demand
        view.price = new double[] {0.10, 0.05, 0.09, 0.11, 0.02};
        assertThat(newPlacement(model).chooseOffer(view)).isEqualTo(4);
        assertThat(new CheapestPricePlacement(new boolean[] {false, true}, new boolean[] {true, true})
            .chooseOffer(view)).isEqualTo(2);
        assertThat(new CheapestPricePlacement(new boolean[] {false, true}, new boolean[] {false, true})
            .chooseOffer(view)).isEqualTo(3);
        view.unavailable[4] = true;
        assertThat(newPlacement(model).chooseOffer(view)).isEqualTo(1);
    }
}

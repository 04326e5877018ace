package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CheapestPricePlacementTest extends PlacementContractTest
{
    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true, true});
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        // Spot only, on the second provider (gcp) only.
        final boolean[] markets = new boolean[2];
        markets[CloudModel.SPOT] = true;
        return new CheapestPricePlacement(markets, new boolean[] {false, true});
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.SPOT && model.typeProvider[model.offerType[offer]] == 1;
    }

    @Test
    void shouldPickLowestPricePerWorkerAmongAllowedWhenSeveralAreAvailable()
    {
        final CloudModel model = ContractRuns.model();
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

    @Test
    void shouldChooseNoneOnlyWhenNoOfferIsAvailable()
    {
        final CloudModel model = ContractRuns.model();
        final FakeView view = new FakeView(model);
        final PlacementPolicy placement = newPlacement(model);
        final RandomStream random = new RandomStream(29);
        for (int round = 0; round < 500; round++)
        {
            for (int o = 0; o < model.offers(); o++)
            {
                view.unavailable[o] = random.bernoulli(0.7);
            }
            if (placement.chooseOffer(view) < 0)
            {
                for (int o = 0; o < model.offers(); o++)
                {
                    assertThat(view.offerAvailable(o)).as("offer %d was available", o).isFalse();
                }
            }
        }
    }

    @Test
    void shouldExplainEachChoiceWithItsOptionsPricesAndRuleWithoutChangingItWhenRunRecords()
    {
        final CloudModel model = ContractRuns.model();
        final PolicyStack stack = new PolicyStack("cheapest", Map.of(),
            () -> new TargetUtilizationAutoscaler(0.6, 2, 60, 6), () -> newPlacement(model),
            RoundRobinBalancer::new, () -> new DrainOnNoticeFailover(1));
        final BoundedDecisionLog log = BoundedDecisionLog.growing(Integer.MAX_VALUE, 16, 16, 16);
        final Simulation recorded = new Simulation(new Engine(1024), model, stack, new RandomStreams(17));
        recorded.recordDecisions(log);
        recorded.run();
        final Simulation silent = new Simulation(new Engine(1024), model, stack, new RandomStreams(17));
        silent.run();

        // Recording changes nothing, and every launch (replacements included) asked once.
        assertThat(recorded.totalCostUsd()).isEqualTo(silent.totalCostUsd());
        assertThat(recorded.launches()).isEqualTo(silent.launches());
        assertThat(log.size()).isEqualTo(recorded.launches() + recorded.launchesRefused());
        assertThat(recorded.preemptions() + recorded.failures()).isPositive();
        for (int d = 0; d < log.size(); d++)
        {
            assertThat(log.policy(d)).isEqualTo("cheapest-price");
            int cheapest = -1;
            for (int o = 0; o < log.optionCount(d); o++)
            {
                final int offer = log.optionOffer(d, o);
                final int type = model.offerType[offer];
                final double price = model.offerPrice[offer].pricePerHourUsdAt(log.timeNs(d));
                assertThat(log.score(d, o, CheapestPricePlacement.PRICE)).isEqualTo(price);
                assertThat(log.score(d, o, CheapestPricePlacement.PRICE_PER_WORKER))
                    .isEqualTo(price / (model.typeWorkers[type] * model.typeSpeed[type]));
                if (cheapest < 0 || log.score(d, o, CheapestPricePlacement.PRICE_PER_WORKER) <
                    log.score(d, cheapest, CheapestPricePlacement.PRICE_PER_WORKER))
                {
                    cheapest = o;
                }
            }
            assertThat(log.chosen(d)).isEqualTo(cheapest < 0 ? -1 : log.optionOffer(d, cheapest));
            assertThat(log.rule(d)).isEqualTo(cheapest < 0 ? CheapestPricePlacement.RULE_NONE :
                CheapestPricePlacement.RULE_CHEAPEST);
        }
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static io.windtunnel.simulator.policy.LearningWorlds.EAST_ON_DEMAND;
import static io.windtunnel.simulator.policy.LearningWorlds.EAST_SPOT;
import static io.windtunnel.simulator.policy.LearningWorlds.HOUR;
import static io.windtunnel.simulator.policy.LearningWorlds.MINUTE;
import static io.windtunnel.simulator.policy.LearningWorlds.WEST_SPOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ForecastPlacementTest extends PlacementContractTest
{
    /** The registry's defaults: alpha 0.5, beta 0.3, horizon 1 h, prior 0.05 per hour over 1 h, lost work 60 s. */
    private static ForecastPlacement defaults(final CloudModel model)
    {
        return new ForecastPlacement(new boolean[] {true, true}, LearningWorlds.all(model.providerNames.length),
            0.5, 0.3, HOUR, 0.05, 1, MINUTE);
    }

    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return defaults(model);
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        return new ForecastPlacement(LearningWorlds.SPOT_ONLY, LearningWorlds.SECOND_PROVIDER_ONLY, 0.5, 0.3, HOUR,
            0.05, 1, MINUTE);
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return LearningWorlds.restrictedAllows(model, offer);
    }

    @Test
    void shouldPreferDearerStableOfferOverCheapPreemptedOneWhenItHasSeenThePreemptions()
    {
        final CloudModel model = LearningWorlds.preemptedCheapSpot();
        final FakeView preemptedView = new FakeView(model);
        final FakeView calmView = new FakeView(model);
        final ForecastPlacement preempted = defaults(model);
        final ForecastPlacement calm = defaults(model);
        for (final FakeView view : new FakeView[] {preemptedView, calmView})
        {
            view.nowNs = 0;
            view.replicaCount = 6;
            view.ready = new int[] {0, 1, 2, 3, 4, 5};
        }
        assertThat(preempted.chooseOffer(preemptedView)).isEqualTo(EAST_SPOT);
        assertThat(calm.chooseOffer(calmView)).isEqualTo(EAST_SPOT);

        // Six replicas on the cheap offer for 12 minutes; in one world all six get a preemption notice at minute 10.
        preemptedView.nowNs = 10 * MINUTE;
        for (int replica = 0; replica < 6; replica++)
        {
            preempted.onReplicaLost(preemptedView, replica, FailoverPolicy.PREEMPTION);
        }
        for (final FakeView view : new FakeView[] {preemptedView, calmView})
        {
            view.nowNs = 12 * MINUTE;
            view.ready = new int[0];
        }
        for (int replica = 0; replica < 6; replica++)
        {
            preempted.onReplicaEnded(preemptedView, replica, SimulationView.PREEMPTED);
            calm.onReplicaEnded(calmView, replica, SimulationView.TERMINATED);
        }

        assertThat(preempted.chooseOffer(preemptedView)).isEqualTo(WEST_SPOT);
        assertThat(calm.chooseOffer(calmView)).isEqualTo(EAST_SPOT);
        // 6 preemptions + the prior's 0.05 over 1.2 replica-hours + the prior's 1.
        assertThat(preempted.preemptionsPerHour(model, EAST_SPOT)).isCloseTo(6.05 / 2.2, within(1e-12));
        assertThat(calm.preemptionsPerHour(model, EAST_SPOT)).isCloseTo(0.05 / 2.2, within(1e-12));
    }

    @Test
    void shouldCountPriorAndRenewalRewardUsefulShareWhenNothingIsSeenYet()
    {
        final CloudModel model = LearningWorlds.preemptedCheapSpot();
        final FakeView view = new FakeView(model);
        final ForecastPlacement placement = defaults(model);
        placement.chooseOffer(view);

        // An unseen spot offer has the prior's rate; on-demand offers are never preempted.
        assertThat(placement.preemptionsPerHour(model, WEST_SPOT)).isEqualTo(0.05);
        assertThat(placement.preemptionsPerHour(model, EAST_ON_DEMAND)).isEqualTo(0);
        assertThat(placement.usefulShare(model, EAST_ON_DEMAND, 0)).isEqualTo(1);
        // exp(-lambda b) - lambda w with b = 5 min, w = 1 min.
        assertThat(placement.usefulShare(model, WEST_SPOT, 3)).isCloseTo(Math.exp(-3.0 / 12) - 3.0 / 60,
            within(1e-12));
        // A hopeless offer is clipped, not negative or infinite in cost.
        assertThat(placement.usefulShare(model, WEST_SPOT, 1000)).isEqualTo(ForecastPlacement.MIN_USEFUL_SHARE);
    }

    @Test
    void shouldLeaveRisingOfferBeforeCheapestNowRuleDoesWhenPriceClimbsSteadily()
    {
        final CloudModel model = LearningWorlds.preemptedCheapSpot();
        final FakeView view = new FakeView(model);
        final ForecastPlacement forecast = defaults(model);
        final CheapestPricePlacement cheapest = new CheapestPricePlacement(new boolean[] {true, true},
            new boolean[] {true});
        int forecastLeft = -1;
        int cheapestLeft = -1;
        for (int minute = 0; minute <= 20; minute++)
        {
            // us-east-1 spot climbs 0.02 $/h a minute from 0.40; us-west-2 stays at 0.55.
            view.nowNs = minute * MINUTE;
            view.price[EAST_SPOT] = 0.40 + 0.02 * minute;
            forecast.planAllocation(view, 1, new int[model.offers()]);
            final int forecastChoice = forecast.chooseOffer(view);
            final int cheapestChoice = cheapest.chooseOffer(view);
            assertThat(forecastChoice).isIn(EAST_SPOT, WEST_SPOT);
            if (forecastChoice == WEST_SPOT && forecastLeft < 0)
            {
                forecastLeft = minute;
            }
            if (cheapestChoice == WEST_SPOT && cheapestLeft < 0)
            {
                cheapestLeft = minute;
            }
        }
        // The cheapest-now rule leaves at minute 8 (0.56 > 0.55); the trend shows after two samples.
        assertThat(cheapestLeft).isEqualTo(8);
        assertThat(forecastLeft).isBetween(1, 3);
    }

    @Test
    void shouldUseOnlyPricesSampledAtControlDecisionsWhenPriceJumpsBetweenThem()
    {
        final CloudModel model = LearningWorlds.preemptedCheapSpot();
        final FakeView view = new FakeView(model);
        final ForecastPlacement forecast = defaults(model);
        forecast.planAllocation(view, 1, new int[model.offers()]);
        // A failover launch after the price jumped, before the next control decision: the fit is the last one.
        view.nowNs += 30 * LearningWorlds.SECOND;
        view.price[EAST_SPOT] = 5.0;
        assertThat(forecast.chooseOffer(view)).isEqualTo(EAST_SPOT);
        assertThat(forecast.forecastPricePerHourUsd(EAST_SPOT, view.nowNs)).isEqualTo(0.50);
        // The next control decision sees it.
        view.nowNs += 30 * LearningWorlds.SECOND;
        forecast.planAllocation(view, 1, new int[model.offers()]);
        assertThat(forecast.chooseOffer(view)).isEqualTo(WEST_SPOT);
    }

    @Test
    void shouldLaunchFarFewerReplicasOnPreemptedOfferThanCheapestPriceWhenRunInSimulator()
    {
        final CloudModel model = LearningWorlds.preemptedCheapSpot();
        final Simulation forecast = LearningWorlds.run(model, defaults(model), 3, null);
        final Simulation cheapest = LearningWorlds.run(model,
            new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true}), 3, null);

        final int forecastEast = LearningWorlds.launchesOn(forecast, EAST_SPOT, 30 * MINUTE);
        final int cheapestEast = LearningWorlds.launchesOn(cheapest, EAST_SPOT, 30 * MINUTE);
        assertThat(cheapestEast).isGreaterThan(100);
        assertThat(forecastEast).isLessThan(cheapestEast / 10);
        assertThat(forecast.preemptions()).isLessThan(cheapest.preemptions() / 5);
        assertThat(LearningWorlds.launchesOn(forecast, WEST_SPOT, 0)).isPositive();
        // A fleet that is not forever booting replacements serves more (here also for less money).
        assertThat(forecast.completed()).isGreaterThan(cheapest.completed());
    }

    @Test
    void shouldRepeatItselfExactlyWhenRunTwiceWithOneSeed()
    {
        final CloudModel model = LearningWorlds.preemptedCheapSpot();
        final BoundedDecisionLog firstLog = LearningWorlds.assertRepeatable(model, () -> defaults(model), 9);
        for (int decision = 0; decision < firstLog.size(); decision++)
        {
            assertThat(firstLog.policy(decision)).isEqualTo(ForecastPlacement.TYPE);
        }
        // What a decision records: each option's forecast, rate, useful share and expected cost; the choice is the
        // lowest expected cost.
        final int last = firstLog.size() - 1;
        double lowest = Double.MAX_VALUE;
        for (int option = 0; option < firstLog.optionCount(last); option++)
        {
            final double cost = firstLog.score(last, option, "expectedCostPerUsefulWorkerHourUsd");
            assertThat(cost).isCloseTo(firstLog.score(last, option, "forecastPricePerWorkerHourUsd") /
                firstLog.score(last, option, "usefulShare"), within(1e-12));
            lowest = Math.min(lowest, cost);
        }
        for (int option = 0; option < firstLog.optionCount(last); option++)
        {
            if (firstLog.optionOffer(last, option) == firstLog.chosen(last))
            {
                assertThat(firstLog.score(last, option, "expectedCostPerUsefulWorkerHourUsd")).isEqualTo(lowest);
            }
        }
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static io.windtunnel.simulator.policy.LearningWorlds.EAST_SPOT;
import static io.windtunnel.simulator.policy.LearningWorlds.HOUR;
import static io.windtunnel.simulator.policy.LearningWorlds.MINUTE;
import static io.windtunnel.simulator.policy.LearningWorlds.WEST_SPOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BanditPlacementTest extends PlacementContractTest
{
    /** The registry's defaults: exploration 0.25, weights 0.5 / 0.25 / 0.25. */
    private static BanditPlacement defaults(final CloudModel model)
    {
        return new BanditPlacement(new boolean[] {true, true}, LearningWorlds.all(model.providerNames.length), 0.25,
            0.5, 0.25, 0.25);
    }

    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return defaults(model);
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        return new BanditPlacement(LearningWorlds.SPOT_ONLY, LearningWorlds.SECOND_PROVIDER_ONLY, 0.25, 0.5, 0.25,
            0.25);
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return LearningWorlds.restrictedAllows(model, offer);
    }

    @Test
    void shouldConvergeToOfferWithLowestCostPerServedRequestWhenRewardsAreNoisy()
    {
        // One replica a minute, billed for its minute, serving 1,000-2,000 requests whatever its offer (the same
        // type everywhere): the 0.10 $/h offer serves a request for a third of the 0.30 one's cost.
        final CloudModel model = LearningWorlds.threePrices();
        final int steps = 2000;
        final FakeView view = new FakeView(model);
        view.replicaOffer = new int[steps];
        view.replicaLaunchNs = new long[steps];
        view.replicaCompleted = new long[steps];
        view.replicaCostUsd = new double[steps];
        final BanditPlacement bandit = defaults(model);
        final RandomStream noise = new RandomStream(41);
        final int[] lastHalf = new int[model.offers()];
        for (int step = 0; step < steps; step++)
        {
            view.nowNs = step * MINUTE;
            if (step > 0)
            {
                final int ended = step - 1;
                final int offer = view.replicaOffer[ended];
                view.replicaCostUsd[ended] = view.price[offer] / 60;
                view.replicaCompleted[ended] = 1000 + noise.nextInt(1001);
                for (int attempt = 0; attempt < 100; attempt++)
                {
                    bandit.onResponse(view, ended, ResponseListener.COMPLETED, 100_000_000L);
                }
                view.ready = new int[0];
                bandit.onReplicaEnded(view, ended, SimulationView.TERMINATED);
            }
            bandit.planAllocation(view, 1, new int[model.offers()]);
            final int chosen = bandit.chooseOffer(view);
            assertThat(chosen).isBetween(0, model.offers() - 1);
            view.replicaOffer[step] = chosen;
            view.replicaLaunchNs[step] = view.nowNs;
            view.replicaCount = step + 1;
            view.ready = new int[] {step};
            if (step >= steps / 2)
            {
                lastHalf[chosen]++;
            }
        }
        assertThat(lastHalf[0]).isGreaterThan(steps / 2 * 9 / 10);
        assertThat(bandit.meanReward(0)).isGreaterThan(bandit.meanReward(1)).isGreaterThan(bandit.meanReward(2));
        assertThat(bandit.pulls(0)).isGreaterThan(bandit.pulls(1) + bandit.pulls(2));
        // Each offer was tried: UCB1 explores every arm before it exploits.
        assertThat(bandit.pulls(1)).isPositive();
        assertThat(bandit.pulls(2)).isPositive();
    }

    @Test
    void shouldMoveAwayFromOfferThatKeepsBeingPreemptedWhenRunInSimulator()
    {
        final CloudModel model = LearningWorlds.preemptedCheapSpot();
        final BanditPlacement bandit = defaults(model);
        final Simulation learned = LearningWorlds.run(model, bandit, 3, null);
        final Simulation cheapest = LearningWorlds.run(model,
            new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true}), 3, null);

        final int learnedEast = LearningWorlds.launchesOn(learned, EAST_SPOT, 2 * HOUR);
        final int cheapestEast = LearningWorlds.launchesOn(cheapest, EAST_SPOT, 2 * HOUR);
        assertThat(bandit.meanReward(WEST_SPOT)).isGreaterThan(bandit.meanReward(EAST_SPOT));
        assertThat(learnedEast).isLessThan(cheapestEast / 4);
        assertThat(learned.preemptions()).isLessThan(cheapest.preemptions() / 2);
        assertThat(learned.completed()).isGreaterThan(cheapest.completed());
    }

    @Test
    void shouldShowExplorationAndExploitationInDecisionsWhenRecorded()
    {
        final CloudModel model = LearningWorlds.threePrices();
        final BoundedDecisionLog log = new BoundedDecisionLog(100_000, 1_000_000, 10_000_000);
        LearningWorlds.run(model, defaults(model), 5, log);

        final Set<String> rules = new HashSet<>();
        for (int decision = 0; decision < log.size(); decision++)
        {
            assertThat(log.policy(decision)).isEqualTo(BanditPlacement.TYPE);
            final String rule = log.rule(decision);
            rules.add(rule);
            if (!rule.equals(BanditPlacement.RULE_EXPLOIT) && !rule.equals(BanditPlacement.RULE_BONUS))
            {
                continue;
            }
            // The choice has the highest UCB index, estimate + bonus, among the offers with rewards; the rule says
            // whether its estimate is also the highest.
            double highestIndex = Double.NEGATIVE_INFINITY;
            double highestEstimate = Double.NEGATIVE_INFINITY;
            double chosenEstimate = Double.NaN;
            double chosenIndex = Double.NaN;
            for (int option = 0; option < log.optionCount(decision); option++)
            {
                if (log.score(decision, option, "count") == 0)
                {
                    continue;
                }
                final double estimate = log.score(decision, option, "estimate");
                final double index = log.score(decision, option, "ucb");
                assertThat(index).isCloseTo(estimate + log.score(decision, option, "bonus"), within(1e-12));
                highestIndex = Math.max(highestIndex, index);
                highestEstimate = Math.max(highestEstimate, estimate);
                if (log.optionOffer(decision, option) == log.chosen(decision))
                {
                    chosenEstimate = estimate;
                    chosenIndex = index;
                }
            }
            assertThat(chosenIndex).isEqualTo(highestIndex);
            assertThat(rule.equals(BanditPlacement.RULE_EXPLOIT)).isEqualTo(chosenEstimate == highestEstimate);
        }
        assertThat(log.dropped()).isZero();
        assertThat(log.rule(0)).isEqualTo(BanditPlacement.RULE_UNTRIED);
        assertThat(rules).contains(BanditPlacement.RULE_UNTRIED, BanditPlacement.RULE_EXPLOIT,
            BanditPlacement.RULE_BONUS);
    }

    @Test
    void shouldHearLatencyThroughRequestPathWhenPlacementListensToResponses()
    {
        // Latency alone in the reward: a mean above 0 can only come from onResponse, which the request path calls
        // because this placement implements ResponseListener.
        final CloudModel model = LearningWorlds.threePrices();
        final BanditPlacement latencyOnly = new BanditPlacement(new boolean[] {true, true}, new boolean[] {true},
            0.25, 0, 1, 0);
        final Simulation simulation = LearningWorlds.run(model, latencyOnly, 3, null);

        assertThat(simulation.completed()).isPositive();
        assertThat(latencyOnly.pulls(0)).isPositive();
        // 50 ms of service, 10 ms round trips and a 300 ms objective: nearly every attempt is on time.
        assertThat(latencyOnly.meanReward(0)).isGreaterThan(0.9);
    }

    @Test
    void shouldRepeatItselfExactlyWhenRunTwiceWithOneSeed()
    {
        final CloudModel model = LearningWorlds.preemptedCheapSpot();
        final BoundedDecisionLog firstLog = LearningWorlds.assertRepeatable(model, () -> defaults(model), 9);
        assertThat(firstLog.rule(0)).isEqualTo(BanditPlacement.RULE_UNTRIED);
    }

    @Test
    void shouldRefuseWeightsThatAllAreZeroWhenBuilt()
    {
        assertThatThrownBy(() -> new BanditPlacement(new boolean[] {true, true}, new boolean[] {true}, 0.25, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("costWeight, latencyWeight and preemptionWeight are all 0");
    }
}

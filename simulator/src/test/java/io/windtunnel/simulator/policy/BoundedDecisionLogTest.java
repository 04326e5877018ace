package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedDecisionLogTest
{
    private static final String PRICE = "pricePerHourUsd";
    private static final String RTT = "rttMs";

    @Test
    void shouldKeepDecisionsWithOptionsScoresChoiceAndRuleWhenWithinLimits()
    {
        final BoundedDecisionLog log = new BoundedDecisionLog(4, 8, 16);
        log.begin(5, "cheapest-price");
        log.option(3);
        log.score(PRICE, 0.1);
        log.score(RTT, 20);
        log.option(1);
        log.score(PRICE, 0.2);
        log.chose(3, "cheapest available");
        log.begin(9, "cheapest-price");
        log.chose(-1, "nothing available");

        assertThat(log.size()).isEqualTo(2);
        assertThat(log.dropped()).isZero();
        assertThat(log.timeNs(0)).isEqualTo(5);
        assertThat(log.policy(0)).isEqualTo("cheapest-price");
        assertThat(log.optionCount(0)).isEqualTo(2);
        assertThat(log.optionOffer(0, 0)).isEqualTo(3);
        assertThat(log.optionOffer(0, 1)).isEqualTo(1);
        assertThat(log.score(0, 0, PRICE)).isEqualTo(0.1);
        assertThat(log.score(0, 0, RTT)).isEqualTo(20);
        assertThat(log.score(0, 1, PRICE)).isEqualTo(0.2);
        assertThat(log.score(0, 1, RTT)).isNaN();
        assertThat(log.chosen(0)).isEqualTo(3);
        assertThat(log.rule(0)).isEqualTo("cheapest available");
        assertThat(log.optionCount(1)).isZero();
        assertThat(log.chosen(1)).isEqualTo(-1);
        assertThat(log.rule(1)).isEqualTo("nothing available");
    }

    @Test
    void shouldDropWholeDecisionsAndCountThemWhenLimitsAreReached()
    {
        final BoundedDecisionLog log = new BoundedDecisionLog(2, 3, 3);
        log.begin(1, "p");
        log.option(0);
        log.score(PRICE, 1);
        log.option(1);
        log.score(PRICE, 2);
        log.chose(0, "r");
        // Two more options do not fit (3 in all): the decision is dropped whole, its first option rolled back.
        log.begin(2, "p");
        log.option(2);
        log.score(PRICE, 3);
        log.option(3);
        log.score(PRICE, 4);
        log.chose(3, "r");
        log.begin(3, "p");
        log.option(4);
        log.chose(4, "r");
        // The decision limit (2) is reached: dropped.
        log.begin(4, "p");
        log.chose(-1, "r");

        assertThat(log.size()).isEqualTo(2);
        assertThat(log.dropped()).isEqualTo(2);
        assertThat(log.timeNs(1)).isEqualTo(3);
        assertThat(log.optionCount(1)).isEqualTo(1);
        assertThat(log.optionOffer(1, 0)).isEqualTo(4);
        assertThat(log.score(1, 0, PRICE)).isNaN();
        assertThat(log.score(0, 1, PRICE)).isEqualTo(2);
        assertThatThrownBy(() -> log.timeNs(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @RepeatedTest(20)
    void shouldKeepTheFirstDecisionsWholeAndCountTheRestWhenGrowingFromTinyArrays(final RepetitionInfo info)
    {
        final SplittableRandom random = new SplittableRandom(4200 + info.getCurrentRepetition());
        final int max = random.nextInt(1, 30);
        final BoundedDecisionLog log = BoundedDecisionLog.growing(max, 1, 1, 1);
        final List<double[][]> expected = new ArrayList<>();
        final int made = random.nextInt(0, 60);
        for (int d = 0; d < made; d++)
        {
            log.begin(d * 10L, "p");
            final double[][] options = new double[random.nextInt(0, 6)][];
            for (int o = 0; o < options.length; o++)
            {
                log.option(d + o);
                options[o] = new double[random.nextInt(0, 4)];
                for (int k = 0; k < options[o].length; k++)
                {
                    options[o][k] = random.nextDouble();
                    log.score(k == 0 ? PRICE : k == 1 ? RTT : "other", options[o][k]);
                }
            }
            log.chose(d, "r");
            expected.add(options);
        }
        if (random.nextBoolean())
        {
            log.trim();
        }

        assertThat(log.size()).isEqualTo(Math.min(max, made));
        assertThat(log.dropped()).isEqualTo(Math.max(0, made - max));
        assertThat(log.made()).isEqualTo(made);
        for (int d = 0; d < log.size(); d++)
        {
            assertThat(log.timeNs(d)).isEqualTo(d * 10L);
            assertThat(log.chosen(d)).isEqualTo(d);
            assertThat(log.optionCount(d)).isEqualTo(expected.get(d).length);
            for (int o = 0; o < log.optionCount(d); o++)
            {
                assertThat(log.optionOffer(d, o)).isEqualTo(d + o);
                assertThat(log.scoreCount(d, o)).isEqualTo(expected.get(d)[o].length);
                for (int k = 0; k < log.scoreCount(d, o); k++)
                {
                    assertThat(log.scoreName(d, o, k)).isEqualTo(k == 0 ? PRICE : k == 1 ? RTT : "other");
                    assertThat(log.scoreValue(d, o, k)).isEqualTo(expected.get(d)[o][k]);
                }
            }
        }
    }

    @Test
    void shouldGrowAgainAfterTrimWhenGrowingAndDropAfterTrimWhenFixed()
    {
        final BoundedDecisionLog growing = BoundedDecisionLog.growing(10, 4, 4, 4);
        final BoundedDecisionLog fixed = new BoundedDecisionLog(10, 4, 4);
        for (final BoundedDecisionLog log : List.of(growing, fixed))
        {
            log.begin(1, "p");
            log.option(0);
            log.score(PRICE, 1);
            log.chose(0, "r");
            log.trim();
            log.begin(2, "p");
            log.option(1);
            log.score(PRICE, 2);
            log.chose(1, "r");
        }

        assertThat(growing.size()).isEqualTo(2);
        assertThat(growing.score(1, 0, PRICE)).isEqualTo(2);
        assertThat(growing.score(0, 0, PRICE)).isEqualTo(1);
        assertThat(fixed.size()).isEqualTo(1);
        assertThat(fixed.dropped()).isEqualTo(1);
        assertThat(fixed.score(0, 0, PRICE)).isEqualTo(1);
        fixed.begin(3, "p");
        assertThatThrownBy(fixed::trim).hasMessageContaining("open");
        assertThatThrownBy(() -> growing.scoreName(0, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldRefuseCallsOutsideDecisionWhenMisused()
    {
        final BoundedDecisionLog log = new BoundedDecisionLog(2, 2, 2);
        assertThatThrownBy(() -> log.option(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.chose(1, "r")).isInstanceOf(IllegalStateException.class);
        log.begin(0, "p");
        assertThatThrownBy(() -> log.score(PRICE, 1)).hasMessageContaining("before any option");
        assertThatThrownBy(() -> log.begin(1, "p")).hasMessageContaining("begun twice");
        assertThat(DecisionRecorder.NONE.enabled()).isFalse();
    }

    /** Records every offer it considers with its price, and its choice, when the run records decisions. */
    private static final class ExplainingPlacement implements PlacementPolicy
    {
        @Override
        public int chooseOffer(final SimulationView view)
        {
            final DecisionRecorder decisions = view.decisions();
            final boolean explain = decisions.enabled();
            if (explain)
            {
                decisions.begin(view.nowNs(), "explaining");
            }
            int best = -1;
            for (int offer = 0; offer < view.model().offers(); offer++)
            {
                if (!view.offerAvailable(offer))
                {
                    continue;
                }
                if (explain)
                {
                    decisions.option(offer);
                    decisions.score(PRICE, view.offerPricePerHourUsd(offer));
                }
                if (best < 0 || view.offerPricePerHourUsd(offer) < view.offerPricePerHourUsd(best))
                {
                    best = offer;
                }
            }
            if (explain)
            {
                decisions.chose(best, "cheapest available");
            }
            return best;
        }
    }

    @Test
    void shouldReachPoliciesThroughViewAndRecordEveryLaunchWhenRunIsGivenLog()
    {
        final CloudModel model = ContractRuns.model();
        final PolicyStack stack = new PolicyStack("explained", Map.of(), () -> new FixedAutoscaler(4),
            ExplainingPlacement::new, RoundRobinBalancer::new, () -> new DrainOnNoticeFailover(1));
        final BoundedDecisionLog log = new BoundedDecisionLog(10_000, 100_000, 100_000);
        final Simulation simulation = new Simulation(new Engine(1024), model, stack, new RandomStreams(3));
        simulation.recordDecisions(log);
        simulation.run();

        // Every launch asked the placement once (replacements included); refused launches record -1.
        assertThat(log.size()).isEqualTo(simulation.launches() + simulation.launchesRefused());
        assertThat(log.dropped()).isZero();
        for (int d = 0; d < log.size(); d++)
        {
            assertThat(log.policy(d)).isEqualTo("explaining");
            if (log.chosen(d) >= 0)
            {
                double cheapest = Double.MAX_VALUE;
                for (int o = 0; o < log.optionCount(d); o++)
                {
                    cheapest = Math.min(cheapest, log.score(d, o, PRICE));
                }
                assertThat(log.score(d, indexOf(log, d, log.chosen(d)), PRICE)).isEqualTo(cheapest);
            }
        }
        // Without a log, the view gives the recorder that records nothing.
        final Simulation silent = new Simulation(new Engine(1024), model, stack, new RandomStreams(3));
        assertThat(silent.decisions()).isSameAs(DecisionRecorder.NONE);
    }

    private static int indexOf(final BoundedDecisionLog log, final int decision, final int offer)
    {
        for (int o = 0; o < log.optionCount(decision); o++)
        {
            if (log.optionOffer(decision, o) == offer)
            {
                return o;
            }
        }
        throw new AssertionError("offer " + offer + " chosen but not considered in decision " + decision);
    }
}

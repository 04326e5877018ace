package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The LP placements' {@code transfer} term, {@code (lambda / d) x 3600 x t_i} USD per replica-hour, on a hand-set
 * view: offer 0 in region "near" (where the data is) at 1.00 USD/h, offer 1 in "far" at 0.90 USD/h, quotas 10;
 * 10 requests/s observed, 4 replicas desired (9,000 requests per replica-hour).
 */
class LpTransferTermTest
{
    private static final double REQUESTS_PER_REPLICA_HOUR = 10.0 / 4 * 3600;

    private static CloudModel model()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int near = b.region(p, "near", 10);
        final int far = b.region(p, "far", 10);
        final int t = b.instanceType(p, "t", 1, 1, 0);
        b.offer(near, t, CloudModel.ON_DEMAND, PriceSeries.constant(1.00));
        b.offer(far, t, CloudModel.ON_DEMAND, PriceSeries.constant(0.90));
        b.client("c", LoadSeries.constant(10));
        b.times(3_600_000_000_000L, 0, 60_000_000_000L, 60_000_000_000L);
        return b.build();
    }

    private static FakeView view(final CloudModel model, final double nearUsd, final double farUsd)
    {
        final FakeView view = new FakeView(model);
        view.ratePerSec = 10;
        view.transferUsdPerRequest[0] = nearUsd;
        view.transferUsdPerRequest[1] = farUsd;
        return view;
    }

    private static PlacementPolicy[] placements(final boolean transfer)
    {
        final boolean[] markets = {true, true};
        final boolean[] providers = {true};
        return new PlacementPolicy[] {new LpPlacement(markets, providers, transfer),
            new PenalizedLpPlacement(markets, providers, 0.0, 10, transfer)};
    }

    private static int[] plan(final PlacementPolicy placement, final FakeView view)
    {
        final int[] replicas = new int[2];
        assertThat(placement.planAllocation(view, 4, replicas)).isTrue();
        return replicas;
    }

    /**
     * Reading the data from "far" costs 2e-5 USD per request (0.18 USD per replica-hour), from "near" 1e-6 (0.009):
     * far at 1.08 is dearer than near at 1.009, so the plan moves to the data; without the term it stays far.
     */
    @Test
    void shouldMoveThePlanToTheDataWhenTransferDominates()
    {
        final CloudModel model = model();
        for (final PlacementPolicy placement : placements(true))
        {
            assertThat(plan(placement, view(model, 1e-6, 2e-5))).containsExactly(4, 0);
            assertThat(placement.chooseOffer(view(model, 1e-6, 2e-5))).isZero();
        }
        for (final PlacementPolicy placement : placements(false))
        {
            assertThat(plan(placement, view(model, 1e-6, 2e-5))).containsExactly(0, 4);
            assertThat(placement.chooseOffer(view(model, 1e-6, 2e-5))).isEqualTo(1);
        }
    }

    /** 1e-8 USD per request from "far" is 0.00009 USD per replica-hour: the price difference (0.10) still wins. */
    @Test
    void shouldKeepTheCheaperOfferWhenTransferIsNegligible()
    {
        final CloudModel model = model();
        for (final PlacementPolicy placement : placements(true))
        {
            assertThat(plan(placement, view(model, 0, 1e-8))).containsExactly(0, 4);
        }
    }

    /** Before any request is observed (lambda 0) the term is 0, whatever the estimate. */
    @Test
    void shouldAddNothingBeforeAnyRequestIsObserved()
    {
        final CloudModel model = model();
        final FakeView view = view(model, 1e-6, 2e-5);
        view.ratePerSec = 0;
        assertThat(plan(placements(true)[0], view)).containsExactly(0, 4);
    }

    /** The plan's record carries the term of each offer as its own score beside the price. */
    @Test
    void shouldRecordTheTransferTermBesideThePrice()
    {
        final CloudModel model = model();
        final FakeView view = view(model, 1e-6, 2e-5);
        final BoundedDecisionLog log = new BoundedDecisionLog(10, 10, 100);
        view.decisions = log;
        plan(placements(true)[0], view);
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.rule(0)).isEqualTo("least-cost fleet plan with transfer (LP model 1)");
        assertThat(log.optionOffer(0, 1)).isEqualTo(1);
        assertThat(log.score(0, 1, FleetLpPlacement.PRICE)).isEqualTo(0.90);
        assertThat(log.score(0, 1, FleetLpPlacement.TRANSFER)).isCloseTo(REQUESTS_PER_REPLICA_HOUR * 2e-5,
            within(1e-12));
        assertThat(log.score(0, 0, FleetLpPlacement.TRANSFER)).isCloseTo(REQUESTS_PER_REPLICA_HOUR * 1e-6, within(1e-12));

        // A single launch shares the requests among the active replicas (here 2: 18,000 per replica-hour).
        view.active = 2;
        placements(true)[0].chooseOffer(view);
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.score(1, 1, FleetLpPlacement.TRANSFER)).isCloseTo(10.0 / 2 * 3600 * 2e-5, within(1e-12));

        // Without the parameter the record is as before: no transfer score.
        final BoundedDecisionLog plain = new BoundedDecisionLog(10, 10, 100);
        view.decisions = plain;
        plan(placements(false)[0], view);
        assertThat(plain.scoreCount(0, 0)).isEqualTo(3);
        assertThat(Double.isNaN(plain.score(0, 0, FleetLpPlacement.TRANSFER))).isTrue();
    }
}

package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.BoundedDecisionLog;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.simulator.policy.LpPlacement;
import io.windtunnel.simulator.policy.PenalizedLpPlacement;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.SizeDistribution;
import io.windtunnel.simulator.transfer.TransferModel;
import io.windtunnel.simulator.transfer.TransferPrices;
import org.junit.jupiter.api.Test;

import java.util.function.ToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Compute placement near the data through a whole run: the LP placements with {@code transfer: true} against the
 * same run without it. Region "near" holds the data set and its offer costs 1.00 USD/h; "far" (same provider)
 * costs 0.90. Each request reads 10 MB from the data set, so a replica in "far" moves it across regions at 0.02
 * USD/GB: 1.9e-4 USD per request, about 3.4 USD per replica-hour at 20 requests/s over 4 replicas, far more than
 * the 0.10 USD/h the far offer saves.
 */
class NearDataPlacementTest
{
    private static final long MS = 1_000_000L;
    private static final long MINUTE = 60_000 * MS;
    private static final long MB = 1L << 20;

    /**
     * Regions "near" (holding the data set) and "far" of one provider p, an offer in each at the given prices; one
     * client "c" (20 ms from both) with the arrivals {@code client} gives it; 10 ms of work per request.
     */
    static CloudModel model(final double nearPrice, final double farPrice,
        final ToIntFunction<CloudModel.Builder> client, final SizeDistribution response, final SizeDistribution read,
        final TransferPrices prices, final long durationNs)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int near = b.region(p, "near", 10);
        final int far = b.region(p, "far", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(near, t, CloudModel.ON_DEMAND, PriceSeries.constant(nearPrice));
        b.offer(far, t, CloudModel.ON_DEMAND, PriceSeries.constant(farPrice));
        final int c = client.applyAsInt(b);
        b.rtt(c, near, 20 * MS).rtt(c, far, 20 * MS);
        b.service(CloudModel.EXPONENTIAL, 10 * MS, 0);
        b.times(durationNs, 0, MINUTE, MINUTE);
        b.transfer(new TransferModel(null, response, read, new int[] {near}, new int[] {CloudModel.NO_ZONE}, prices,
            TransferModel.DEFAULT_BITS_PER_SEC, TransferModel.DEFAULT_READ_RTT_NS, new double[2], 0));
        return b.build();
    }

    /** 20 requests/s for 30 minutes, each reading {@code readBytes}, no response bytes, the bundled prices. */
    private static CloudModel model(final long readBytes)
    {
        return model(1.00, 0.90, b -> b.client("c", LoadSeries.constant(20)), null,
            SizeDistribution.constant(readBytes), TransferPrices.awsExample(), 30 * MINUTE);
    }

    private static Simulation run(final CloudModel model, final PlacementPolicy placement,
        final BoundedDecisionLog log)
    {
        final Simulation s = new Simulation(new Engine(1024), model,
            Fixtures.stack(new FixedAutoscaler(4), placement, 1), new RandomStreams(5));
        if (log != null)
        {
            s.recordDecisions(log);
        }
        s.run();
        return s;
    }

    private static PlacementPolicy lp(final boolean transfer)
    {
        return new LpPlacement(new boolean[] {true, true}, new boolean[] {true}, transfer);
    }

    @Test
    void shouldMoveTheFleetToTheDataAndPayLessInAllWhenTransferDominates()
    {
        final CloudModel model = model(10 * MB);
        final Simulation plain = run(model, lp(false), null);
        final Simulation near = run(model, lp(true), null);
        final Simulation penalized = run(model, new PenalizedLpPlacement(new boolean[] {true, true},
            new boolean[] {true}, 0.1, 10, true), null);

        // Without the term the fleet stays in "far" and every read crosses regions.
        assertThat(plain.offerActiveReplicas(1)).isEqualTo(4);
        assertThat(plain.transferLedger().bytes(LinkClass.OTHER_REGION)).isPositive();
        // With it the first plan (no arrivals observed yet) is in "far"; from the second on the fleet is near.
        for (final Simulation s : new Simulation[] {near, penalized})
        {
            assertThat(s.offerActiveReplicas(0)).isEqualTo(4);
            assertThat(s.offerActiveReplicas(1)).isZero();
            assertThat(s.transferLedger().bytes(LinkClass.OTHER_REGION))
                .isLessThan(plain.transferLedger().bytes(LinkClass.OTHER_REGION) / 10);
            // Compute dearer, compute + transfer cheaper.
            assertThat(s.totalCostUsd()).isGreaterThan(plain.totalCostUsd());
            assertThat(s.totalCostUsd() + s.transferLedger().totalCostUsd())
                .isLessThan(plain.totalCostUsd() + plain.transferLedger().totalCostUsd());
        }
    }

    @Test
    void shouldKeepTheCheaperRegionWhenTransferIsNegligible()
    {
        // 1 KB per read: 2e-8 USD per request, about 3e-4 USD per replica-hour against 0.10 saved.
        final Simulation s = run(model(1024), lp(true), null);
        assertThat(s.offerActiveReplicas(1)).isEqualTo(4);
        assertThat(s.offerActiveReplicas(0)).isZero();
    }

    @Test
    void shouldExplainEachPlanWithItsTransferTerm()
    {
        final CloudModel model = model(10 * MB);
        final BoundedDecisionLog log = new BoundedDecisionLog(100, 10, 100);
        run(model, lp(true), log);
        assertThat(log.size()).isGreaterThan(2);
        // The second decision (1 minute) saw about 20 requests/s: far's term is 20 / 4 x 3600 x 10 MB x 0.02 USD/GB.
        final double expected = 20.0 / 4 * 3600 * 10.0 / 1024 * 0.02;
        assertThat(log.optionOffer(1, 1)).isEqualTo(1);
        assertThat(log.score(1, 1, "transferPerHourUsd")).isCloseTo(expected, within(expected * 0.1));
        assertThat(log.score(1, 0, "transferPerHourUsd")).isZero();
        assertThat(log.score(0, 1, "transferPerHourUsd")).isZero();
        assertThat(log.chosen(1)).isZero();
        assertThat(log.rule(1)).isEqualTo("least-cost fleet plan with transfer (LP model 1)");
    }
}

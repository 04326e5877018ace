package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.SizeDistribution;
import io.windtunnel.simulator.transfer.TransferModel;
import io.windtunnel.simulator.transfer.TransferPrices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The simulation's {@link Simulation#offerTransferUsdPerRequest(int)}: the tiers follow the run's own ledger. */
class TransferEstimateViewTest
{
    private static final long GB = ByteUnits.BYTES_PER_GB;
    private static final long MS = 1_000_000L;
    private static final long MINUTE = 60_000 * MS;

    /**
     * One replica in "east" (offer 0; offer 1 is in "west"); four requests at 1, 11, 21, 31 minutes, each reading
     * 1 GB from the data set in "west" and answering with 1.25 GB. Internet 0.10 USD/GB below 3 GB a month, 0.05
     * above; other region 0.02.
     */
    private static CloudModel model(final boolean bytes)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(p, "east", 10);
        final int west = b.region(p, "west", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(east, t, CloudModel.ON_DEMAND, PriceSeries.constant(1.0));
        b.offer(west, t, CloudModel.ON_DEMAND, PriceSeries.constant(2.0));
        final long[] work = {10 * MS, 10 * MS, 10 * MS, 10 * MS};
        final int c = b.client("c", new ArrivalLog(new long[] {MINUTE, 11 * MINUTE, 21 * MINUTE, 31 * MINUTE}, work));
        b.rtt(c, east, 20 * MS).rtt(c, west, 20 * MS);
        b.service(CloudModel.DETERMINISTIC, 10 * MS, 0);
        b.times(60 * MINUTE, 0, MINUTE, 10 * MINUTE);
        if (bytes)
        {
            b.transfer(new TransferModel(null, SizeDistribution.constant(5 * GB / 4), SizeDistribution.constant(GB),
                new int[] {west}, new int[] {CloudModel.NO_ZONE},
                new TransferPrices(new long[][] {{0}, {0}, {0}, {0, 3 * GB}, {0}},
                    new double[][] {{0}, {0.01}, {0.02}, {0.10, 0.05}, {0.08}}, "test"),
                TransferModel.DEFAULT_BITS_PER_SEC, TransferModel.DEFAULT_READ_RTT_NS, new double[2], 0));
        }
        return b.build();
    }

    @Test
    void shouldPriceAtTheTierTheRunsOwnVolumeIsIn()
    {
        final Simulation s = Fixtures.run(model(true), Fixtures.fixed(1, 1), 3);
        // The run sent 4 x 1.25 GB = 5 GB to the internet: p's next response byte is at 0.05.
        assertThat(s.transferLedger().billedBytes(LinkClass.INTERNET)).isEqualTo(5 * GB);
        // Offer 0 (east): 1.25 GB x 0.05 + 1 GB from west x 0.02; offer 1 (west): the read is in its region.
        assertThat(s.offerTransferUsdPerRequest(0)).isCloseTo(0.0625 + 0.02, within(1e-15));
        assertThat(s.offerTransferUsdPerRequest(1)).isCloseTo(0.0625, within(1e-15));
        // Without a storage section there are no storage locations to pretend to hold the data at.
        assertThatThrownBy(() -> s.offerTransferUsdPerRequest(0, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("storage:");
        assertThat(s.dataCopyUsd(0, 0)).isZero();
    }

    @Test
    void shouldBeZeroWithoutBytes()
    {
        final Simulation s = Fixtures.run(model(false), Fixtures.fixed(1, 1), 3);
        assertThat(s.offerTransferUsdPerRequest(0)).isZero();
        assertThat(s.offerTransferUsdPerRequest(1, 0)).isZero();
    }

    /** Before anything moved (a fresh run): the first internet tier, 1.25 GB x 0.10. */
    @Test
    void shouldPriceAtTheFirstTierBeforeAnythingMoved()
    {
        final CloudModel model = model(true);
        final Simulation s = new Simulation(new Engine(1024), model, Fixtures.fixed(1, 1),
            new RandomStreams(3));
        assertThat(s.offerTransferUsdPerRequest(0)).isCloseTo(0.125 + 0.02, within(1e-15));
    }
}

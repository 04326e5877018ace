package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.SizeDistribution;
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
     * {@link NearDataPlacementTest#model}: "near" (the data, 1.00 USD/h) and "far" (2.00 USD/h); four requests at 1,
     * 11, 21, 31 minutes, each reading 1 GB and answering with 1.25 GB. Internet 0.10 USD/GB below 3 GB a month, 0.05
     * above; other region 0.02.
     */
    private static CloudModel model()
    {
        final long[] work = {10 * MS, 10 * MS, 10 * MS, 10 * MS};
        return NearDataPlacementTest.model(1.00, 2.00,
            b -> b.client("c", new ArrivalLog(new long[] {MINUTE, 11 * MINUTE, 21 * MINUTE, 31 * MINUTE}, work)),
            SizeDistribution.constant(5 * GB / 4), SizeDistribution.constant(GB),
            new TransferPrices(new long[][] {{0}, {0}, {0}, {0, 3 * GB}, {0}},
                new double[][] {{0}, {0.01}, {0.02}, {0.10, 0.05}, {0.08}}, "test"), 60 * MINUTE);
    }

    @Test
    void shouldPriceAtTheTierTheRunsOwnVolumeIsIn()
    {
        final Simulation s = Fixtures.run(model(), Fixtures.fixed(1, 1), 3);
        // The run sent 4 x 1.25 GB = 5 GB to the internet: p's next response byte is at 0.05.
        assertThat(s.transferLedger().billedBytes(LinkClass.INTERNET)).isEqualTo(5 * GB);
        // Offer 1 (far): 1.25 GB x 0.05 + 1 GB from near x 0.02; offer 0 (near): the read is in its region.
        assertThat(s.offerTransferUsdPerRequest(0)).isCloseTo(0.0625, within(1e-15));
        assertThat(s.offerTransferUsdPerRequest(1)).isCloseTo(0.0625 + 0.02, within(1e-15));
        // Without a storage section there are no storage locations to pretend to hold the data at.
        assertThatThrownBy(() -> s.offerTransferUsdPerRequest(0, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("storage:");
        assertThat(s.dataCopyUsd(0, 0)).isZero();
    }

    @Test
    void shouldBeZeroWithoutBytes()
    {
        final Simulation s = Fixtures.run(Fixtures.mmc(1, 10, 100, 10 * MINUTE, 0), Fixtures.fixed(1, 1), 3);
        assertThat(s.offerTransferUsdPerRequest(0)).isZero();
        assertThat(s.offerTransferUsdPerRequest(1, 0)).isZero();
    }

    /** Before anything moved (a fresh run): the first internet tier, 1.25 GB x 0.10. */
    @Test
    void shouldPriceAtTheFirstTierBeforeAnythingMoved()
    {
        final Simulation s = new Simulation(new Engine(1024), model(), Fixtures.fixed(1, 1), new RandomStreams(3));
        assertThat(s.offerTransferUsdPerRequest(0)).isCloseTo(0.125, within(1e-15));
        assertThat(s.offerTransferUsdPerRequest(1)).isCloseTo(0.125 + 0.02, within(1e-15));
    }
}

package io.windtunnel.simulator;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.SizeDistribution;
import io.windtunnel.simulator.transfer.TransferLedger;
import io.windtunnel.simulator.transfer.TransferModel;
import io.windtunnel.simulator.transfer.TransferPrices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Bytes on the request path: their time in the latency and their GB and cost in the ledger and time series. */
class TransferPathTest
{
    private static final long GB = ByteUnits.BYTES_PER_GB;
    private static final long MB = 1L << 20;
    private static final long MS = 1_000_000L;
    private static final long MINUTE = 60_000 * MS;

    /** Internet tiers of 0.10 USD/GB below 3 GB a month and 0.05 above; other-region 0.02. */
    private static TransferPrices prices()
    {
        return new TransferPrices(
            new long[][] {{0}, {0}, {0}, {0, 3 * GB}, {0}},
            new double[][] {{0}, {0.01}, {0.02}, {0.10, 0.05}, {0.08}}, "test");
    }

    /**
     * One replica in "east"; four requests, at 1, 11, 21 and 31 minutes (10 ms of work each, 20 ms round trip):
     * each sends 1 MB, reads 1 GB from the data set in "west" (another region of the provider) and answers with
     * 1.25 GB; or, without {@code bytes}, the same model with no transfer at all.
     */
    private static CloudModel model(final boolean bytes, final double uplinkBitsPerSec)
    {
        final CloudModel.Builder b = eastWest(new long[ArrivalLog.SIZE_COLUMNS][]);
        final int west = 1;
        if (bytes)
        {
            b.transfer(new TransferModel(SizeDistribution.constant(MB), SizeDistribution.constant(5 * GB / 4),
                SizeDistribution.constant(GB), new int[] {west}, new int[] {CloudModel.NO_ZONE}, prices(),
                TransferModel.DEFAULT_BITS_PER_SEC, TransferModel.DEFAULT_READ_RTT_NS,
                new double[] {uplinkBitsPerSec, 0}, 0));
        }
        return b.build();
    }

    /**
     * One replica's region "east" (index 0) and the data set's "west" (1) of one provider; four requests of 10 ms,
     * at 1, 11, 21 and 31 minutes, with the given logged sizes; 20 ms round trips; an hour's run.
     */
    private static CloudModel.Builder eastWest(final long[][] loggedSizes)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(p, "east", 10);
        final int west = b.region(p, "west", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(east, t, CloudModel.ON_DEMAND, PriceSeries.constant(1.0));
        final long[] work = {10 * MS, 10 * MS, 10 * MS, 10 * MS};
        final int c = b.client("c", new ArrivalLog(new long[] {MINUTE, 11 * MINUTE, 21 * MINUTE, 31 * MINUTE}, work,
            loggedSizes));
        b.rtt(c, east, 20 * MS).rtt(c, west, 20 * MS);
        b.service(CloudModel.DETERMINISTIC, 10 * MS, 0);
        b.times(60 * MINUTE, 0, MINUTE, 10 * MINUTE);
        return b;
    }

    private static long ns(final double bytes, final double bitsPerSec)
    {
        return (long)(bytes * 8e9 / bitsPerSec + 0.5);
    }

    @Test
    void shouldAddTransferTimeToLatencyAndCountGbAndCostPerLinkClass()
    {
        final CloudModel model = model(true, 0);
        final Simulation s = Fixtures.run(model, Fixtures.fixed(1, 1), 3);

        assertThat(s.measuredCompleted()).isEqualTo(4);
        // By hand: round trip + 1 MB in at 100 Mbps + work + read (60 ms + 1 GB at 1 Gbps) + 1.25 GB out at 100 Mbps.
        final long expectedNs = 20 * MS + ns(MB, 100e6) + 10 * MS + 60 * MS + ns(GB, 1e9) + ns(1.25 * GB, 100e6);
        assertThat(s.meanLatencyNs()).isCloseTo(expectedNs, within(0.5));

        final TransferLedger ledger = s.transferLedger();
        assertThat(ledger.bytes(LinkClass.INTERNET)).isEqualTo(4 * (MB + 5 * GB / 4));
        assertThat(ledger.billedBytes(LinkClass.INTERNET)).isEqualTo(5 * GB);
        assertThat(ledger.bytes(LinkClass.OTHER_REGION)).isEqualTo(4 * GB);
        // 5 GB out over the month: 3 GB at 0.10 + 2 GB at 0.05; the third response crosses the tier mid-way.
        assertThat(ledger.costUsd(LinkClass.INTERNET)).isCloseTo(0.4, within(1e-12));
        assertThat(ledger.costUsd(LinkClass.OTHER_REGION)).isCloseTo(0.08, within(1e-12));
        assertThat(ledger.totalCostUsd()).isCloseTo(0.48, within(1e-12));

        // The time series, row by row (10-minute rows, one request each): the rows add up to the totals.
        final int usd = RequestPath.transferColumn(model) + LinkClass.COUNT + LinkClass.INTERNET;
        final double[] expectedRows = {0.125, 0.125, 0.05 + 0.0375, 0.0625, 0, 0};
        double sum = 0;
        for (int row = 0; row < expectedRows.length; row++)
        {
            assertThat(s.series().get(row, usd)).as("row " + row).isCloseTo(expectedRows[row], within(1e-15));
            sum += s.series().get(row, usd);
        }
        assertThat(sum).isCloseTo(ledger.costUsd(LinkClass.INTERNET), within(1e-15));
        assertThat(s.series().get(0, RequestPath.transferColumn(model) + LinkClass.OTHER_REGION)).isEqualTo(1.0);
    }

    @Test
    void shouldTakeTheSlowerOfTheClassBandwidthAndTheRegionsUplink()
    {
        final Simulation s = Fixtures.run(model(true, 50e6), Fixtures.fixed(1, 1), 3);
        // 50 Mbps uplink on east, slower than every class: request, read and response all go over it.
        final long expectedNs = 20 * MS + ns(MB, 50e6) + 10 * MS + 60 * MS + ns(GB, 50e6) + ns(1.25 * GB, 50e6);
        assertThat(s.meanLatencyNs()).isCloseTo(expectedNs, within(0.5));
    }

    @Test
    void shouldLeaveARunWithoutBytesAsItWas()
    {
        final CloudModel model = model(false, 0);
        final Simulation s = Fixtures.run(model, Fixtures.fixed(1, 1), 3);
        assertThat(s.transferLedger()).isNull();
        assertThat(s.series().columns()).isEqualTo(RequestPath.transferColumn(model));
        assertThat(s.meanLatencyNs()).isCloseTo(30 * MS, within(0.5));
    }

    private static CloudModel mm2(final TransferModel transfer)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", Integer.MAX_VALUE);
        final int t = b.instanceType(p, "t", 2, 1.0, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1.0));
        // Arrivals stop a minute before the end, so that every request completes in both runs.
        final int c = b.client("c", new LoadSeries(new long[] {0, 9 * MINUTE}, new double[] {50, 0}, 10 * MINUTE));
        // No jitter: the one network stream is drawn per hop in event order, which the transfer time reorders.
        b.rtt(c, r, 10 * MS);
        b.service(CloudModel.EXPONENTIAL, 1e9 / 40, 1);
        b.times(10 * MINUTE, 0, 10 * MINUTE, 30_000 * MS);
        b.transfer(transfer);
        return b.build();
    }

    /**
     * Constant sizes without a data set shift every request's arrival at its replica and its response by the same
     * time, so the queues see the same requests at the same spacing: every latency is the one of the run without
     * bytes plus that time, which holds only if the arrival and work draws did not move.
     */
    @Test
    void shouldShiftEveryLatencyByTheConstantTransferTimeAndMoveNoOtherRandomNumber()
    {
        final Simulation without = Fixtures.run(mm2(null), Fixtures.fixed(1, 1), 9);
        final Simulation constant = Fixtures.run(mm2(TransferModel.sizes(SizeDistribution.constant(MB),
            SizeDistribution.constant(2 * MB), 1)), Fixtures.fixed(1, 1), 9);
        final Simulation drawn = Fixtures.run(mm2(TransferModel.sizes(
            new SizeDistribution(SizeDistribution.LOGNORMAL, 4096, 2), null, 1)), Fixtures.fixed(1, 1), 9);

        assertThat(constant.arrivals()).isEqualTo(without.arrivals()).isEqualTo(drawn.arrivals()).isPositive();
        assertThat(constant.measuredCompleted()).isEqualTo(without.measuredCompleted()).isEqualTo(without.arrivals());
        assertThat(constant.meanLatencyNs() - without.meanLatencyNs())
            .isCloseTo(ns(MB, 100e6) + ns(2 * MB, 100e6), within(1e-3));
        assertThat(constant.latency().total().getMaxValue() - without.latency().total().getMaxValue())
            .isCloseTo(ns(MB, 100e6) + ns(2 * MB, 100e6), within(1_000_000L));
        // Drawn sizes: 4 KB lognormal requests in at 100 Mbps, a fraction of a millisecond each on average.
        assertThat(drawn.transferLedger().bytes(LinkClass.INTERNET)).isGreaterThan(0);
        assertThat(drawn.meanLatencyNs()).isGreaterThan(without.meanLatencyNs());
    }

    /**
     * Sizes from the request log: the four requests of {@link #model} log requests of 1 MB, nothing (the 3 MB
     * fallback), 2 MB and 0 B, and responses of 1, 0.5, 2 and 0.25 GB (no fallback); the data-set read stays a
     * constant 1 GB. By hand: 3.75 GB out over the month, 3 GB at 0.10 and 0.75 GB at 0.05 = 0.3375 USD.
     */
    @Test
    void shouldTakeEachRequestsSizesFromItsLogRowAndTheFallbackWhereTheRowHasNone()
    {
        final long[] requestBytes = {MB, -1, 2 * MB, 0};
        final long[] responseBytes = {GB, GB / 2, 2 * GB, GB / 4};
        final CloudModel.Builder b = eastWest(new long[][] {requestBytes, responseBytes, null});
        final int west = 1;
        b.transfer(new TransferModel(SizeDistribution.constant(3 * MB), null, SizeDistribution.constant(GB),
            new int[] {west}, new int[] {CloudModel.NO_ZONE}, prices(), TransferModel.DEFAULT_BITS_PER_SEC,
            TransferModel.DEFAULT_READ_RTT_NS, new double[2], 0, new boolean[] {true, true, false}));
        final Simulation s = Fixtures.run(b.build(), Fixtures.fixed(1, 1), 3);

        assertThat(s.measuredCompleted()).isEqualTo(4);
        final TransferLedger ledger = s.transferLedger();
        assertThat(ledger.bytes(LinkClass.INTERNET)).isEqualTo(6 * MB + 15 * GB / 4);
        assertThat(ledger.billedBytes(LinkClass.INTERNET)).isEqualTo(15 * GB / 4);
        assertThat(ledger.costUsd(LinkClass.INTERNET)).isCloseTo(0.3375, within(1e-12));
        assertThat(ledger.bytes(LinkClass.OTHER_REGION)).isEqualTo(4 * GB);
        final long[] usedRequestBytes = {MB, 3 * MB, 2 * MB, 0};
        double sumNs = 0;
        for (int i = 0; i < 4; i++)
        {
            sumNs += 20 * MS + ns(usedRequestBytes[i], 100e6) + 10 * MS + 60 * MS + ns(GB, 1e9) +
                ns(responseBytes[i], 100e6);
        }
        assertThat(s.meanLatencyNs()).isCloseTo(sumNs / 4, within(0.5));
    }

    @Test
    void shouldRepeatLoggedSizesWithThePeriodOfAPeriodicLog()
    {
        final ArrivalLog log = ArrivalLog.periodic(new long[] {0, 5}, new long[] {-1, -1},
            new long[][] {null, {7, -1}, {0, 9}}, 10, 35);
        assertThat(log.size()).isEqualTo(8);
        assertThat(log.hasSizeColumn(ArrivalLog.REQUEST_BYTES)).isFalse();
        assertThat(log.sizeBytes(ArrivalLog.REQUEST_BYTES, 5)).isEqualTo(-1);
        assertThat(new long[] {log.sizeBytes(ArrivalLog.RESPONSE_BYTES, 6), log.sizeBytes(ArrivalLog.RESPONSE_BYTES, 7),
            log.sizeBytes(ArrivalLog.READ_BYTES, 6), log.sizeBytes(ArrivalLog.READ_BYTES, 7)})
            .containsExactly(7, -1, 0, 9);
        assertThat(log.timeNs(7)).isEqualTo(35);
        assertThat(log.firstUnknownSize(ArrivalLog.RESPONSE_BYTES)).isEqualTo(1);
        assertThat(log.firstUnknownSize(ArrivalLog.READ_BYTES)).isEqualTo(-1);
        assertThat(log.firstUnknownSize(ArrivalLog.REQUEST_BYTES)).isEqualTo(-1);
    }
}

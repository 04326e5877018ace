package io.windtunnel.simulator.transfer;

import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TransferLedgerTest
{
    private static final long GB = ByteUnits.BYTES_PER_GB;
    private static final long HOUR = 3_600_000_000_000L;

    private static CloudModel model(final long startEpochNs)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int q = b.provider("q", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        b.region(q, "s", 10);
        final int t = b.instanceType(p, "t", 1, 1, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", LoadSeries.constant(1));
        b.times(4 * HOUR, 0, HOUR, HOUR);
        b.transfer(new TransferModel(null, SizeDistribution.constant(GB), null, new int[0], new int[0],
            TransferPricesTest.twoTiers(), TransferModel.DEFAULT_BITS_PER_SEC, TransferModel.DEFAULT_READ_RTT_NS,
            new double[2], startEpochNs));
        return b.build();
    }

    /**
     * The run starts at 22:00 on 31 January: the calendar month turns at 2 h. Provider p sends 2 GB, then 2 GB (over
     * the 3 GB tier: 1 GB at 0.10, 1 GB at 0.05), then after the month turns 1 GB at the first tier again; provider q
     * has its own volume. Ingress is counted, not billed nor added to the volume. By hand: 0.2 + 0.15 + 0.1 + 0.1.
     */
    @Test
    void shouldSetTheTierByTheSendersVolumeInTheCalendarMonth()
    {
        final long start = Instant.parse("2025-01-31T22:00:00Z").getEpochSecond() * 1_000_000_000L;
        final CloudModel model = model(start);
        final TimeSeriesSampler series = new TimeSeriesSampler(HOUR, 10, 4);
        final TransferLedger ledger = new TransferLedger(model, series, 0);
        ledger.record(0, LinkClass.INTERNET, 0, 2 * GB, true);
        ledger.record(HOUR / 2, LinkClass.INTERNET, 0, 5 * GB, false);
        ledger.record(HOUR, LinkClass.INTERNET, 0, 2 * GB, true);
        ledger.record(HOUR + 1, LinkClass.INTERNET, 1, GB, true);
        ledger.record(2 * HOUR, LinkClass.INTERNET, 0, GB, true);
        ledger.record(3 * HOUR, LinkClass.OTHER_REGION, 0, GB / 2, true);

        assertThat(ledger.bytes(LinkClass.INTERNET)).isEqualTo(11 * GB);
        assertThat(ledger.billedBytes(LinkClass.INTERNET)).isEqualTo(6 * GB);
        assertThat(ledger.costUsd(LinkClass.INTERNET)).isCloseTo(0.2 + 0.15 + 0.1 + 0.1, within(1e-12));
        assertThat(ledger.costUsd(LinkClass.OTHER_REGION)).isCloseTo(0.01, within(1e-15));
        assertThat(ledger.totalCostUsd()).isCloseTo(0.56, within(1e-12));
        // The time series: GB moved (internet) and USD (internet) per hour row.
        final int gbInternet = LinkClass.INTERNET;
        final int usdInternet = LinkClass.COUNT + LinkClass.INTERNET;
        assertThat(series.get(0, gbInternet)).isEqualTo(7.0);
        assertThat(series.get(1, gbInternet)).isEqualTo(3.0);
        assertThat(series.get(0, usdInternet)).isCloseTo(0.2, within(1e-15));
        assertThat(series.get(1, usdInternet)).isCloseTo(0.25, within(1e-15));
        assertThat(series.get(2, usdInternet)).isCloseTo(0.1, within(1e-15));
        assertThat(series.get(3, LinkClass.COUNT + LinkClass.OTHER_REGION)).isCloseTo(0.01, within(1e-15));
    }
}

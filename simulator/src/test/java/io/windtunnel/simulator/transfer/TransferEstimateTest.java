package io.windtunnel.simulator.transfer;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.storage.StorageModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-computed cases of {@link TransferEstimate} with {@link TransferPricesTest#twoTiers()}: other region 0.02
 * USD/GB, internet 0.10 USD/GB up to 3 GB a month then 0.05. Provider p has regions pa and pb, provider q region qa;
 * one offer in each (o0 in pa, o1 in pb, o2 in qa). Responses are 0.25 GB, data-set reads 0.5 GB.
 */
class TransferEstimateTest
{
    private static final long GB = ByteUnits.BYTES_PER_GB;
    private static final long HOUR = 3_600_000_000_000L;
    /** 22:00 on 31 January: the calendar month turns at 2 h. */
    private static final long START = Instant.parse("2025-01-31T22:00:00Z").getEpochSecond() * 1_000_000_000L;

    private static CloudModel model(final SizeDistribution read, final int[] dataRegion, final StorageModel storage)
    {
        return model(read, dataRegion, storage, TransferPricesTest.twoTiers());
    }

    private static CloudModel model(final SizeDistribution read, final int[] dataRegion, final StorageModel storage,
        final TransferPrices prices)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int q = b.provider("q", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int pa = b.region(p, "pa", 10);
        final int pb = b.region(p, "pb", 10);
        final int qa = b.region(q, "qa", 10);
        final int tp = b.instanceType(p, "t", 1, 1, 0);
        final int tq = b.instanceType(q, "u", 1, 1, 0);
        b.offer(pa, tp, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.offer(pb, tp, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.offer(qa, tq, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", LoadSeries.constant(1));
        b.client("d", LoadSeries.constant(1));
        b.times(4 * HOUR, 0, HOUR, HOUR);
        final int[] zones = new int[dataRegion.length];
        java.util.Arrays.fill(zones, CloudModel.NO_ZONE);
        b.transfer(new TransferModel(null, SizeDistribution.constant(GB / 4), read, dataRegion, zones,
            prices, TransferModel.DEFAULT_BITS_PER_SEC, TransferModel.DEFAULT_READ_RTT_NS,
            new double[3], START));
        if (storage != null)
        {
            b.storage(storage);
        }
        return b.build();
    }

    /** Candidate storage locations in pb and qa, holding 4 GB (they replace the fixed data location in pa). */
    private static StorageModel storage()
    {
        return new StorageModel(new String[] {"in-pb", "in-qa"}, new int[] {1, 2},
            new int[] {CloudModel.NO_ZONE, CloudModel.NO_ZONE}, new String[] {"standard", "standard"},
            new double[] {0.023, 0.02}, new double[2], new double[2], new long[] {0}, new long[] {4 * GB}, 1);
    }

    @Test
    void shouldAddTheReadFromTheDataAndTheResponseAtEachSendersMarginalPrice()
    {
        final CloudModel model = model(SizeDistribution.constant(GB / 2), new int[] {0}, null);
        final TransferLedger ledger = new TransferLedger(model, null, 0);
        final TransferEstimate estimate = new TransferEstimate(model, ledger, location -> false, c -> 0);

        // Nothing moved yet: responses 0.25 GB x 0.10 = 0.025 from anywhere; reads from pa: same zone 0, other region
        // 0.5 x 0.02 = 0.01, internet (billed to p) 0.5 x 0.10 = 0.05.
        assertThat(estimate.nearestServing(2)).isZero();
        assertThat(estimate.usdPerRequest(0, 0, 0)).isCloseTo(0.025, within(1e-15));
        assertThat(estimate.usdPerRequest(0, 1, 0)).isCloseTo(0.035, within(1e-15));
        assertThat(estimate.usdPerRequest(0, 2, 0)).isCloseTo(0.075, within(1e-15));

        // p just below its internet tier boundary: still 0.10.
        ledger.record(0, LinkClass.INTERNET, 0, 3 * GB - 1, true);
        assertThat(estimate.usdPerRequest(1, 0, 0)).isCloseTo(0.025, within(1e-15));
        // p at the boundary: p's responses and p's reads to q at 0.05; q's own responses still at 0.10.
        ledger.record(1, LinkClass.INTERNET, 0, 1, true);
        assertThat(estimate.usdPerRequest(2, 0, 0)).isCloseTo(0.0125, within(1e-15));
        assertThat(estimate.usdPerRequest(2, 2, 0)).isCloseTo(0.025 + 0.025, within(1e-15));
        // The calendar month turns at 2 h: p's volume starts again, before the ledger's next record.
        assertThat(estimate.usdPerRequest(2 * HOUR, 0, 0)).isCloseTo(0.025, within(1e-15));
        assertThat(estimate.usdPerRequest(2 * HOUR, 2, 0)).isCloseTo(0.075, within(1e-15));
    }

    /**
     * Responses sized from the request log: client c replays a log whose two rows answer 1 GB each, client d is fed
     * by a rate and takes the 0.25 GB fallback. From o0 (internet, 0.10 USD/GB) the mean response is weighted by the
     * observed rates: 3 and 1 requests/s give (3 x 1 + 0.25) / 4 = 0.8125 GB, 0.08125 USD; before any arrival is
     * observed the two clients weigh alike: 0.625 GB, 0.0625 USD.
     */
    @Test
    void shouldWeighTheClientsLoggedSizesByTheirObservedRates()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int pa = b.region(p, "pa", 10);
        final int tp = b.instanceType(p, "t", 1, 1, 0);
        b.offer(pa, tp, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        final long[][] sizes = new long[io.windtunnel.simulator.model.ArrivalLog.SIZE_COLUMNS][];
        sizes[io.windtunnel.simulator.model.ArrivalLog.RESPONSE_BYTES] = new long[] {GB, GB};
        b.client("c", new io.windtunnel.simulator.model.ArrivalLog(new long[] {0, HOUR}, new long[] {-1, -1}, sizes));
        b.client("d", LoadSeries.constant(1));
        b.times(4 * HOUR, 0, HOUR, HOUR);
        b.transfer(new TransferModel(null, SizeDistribution.constant(GB / 4), null, new int[0], new int[0],
            TransferPricesTest.twoTiers(), TransferModel.DEFAULT_BITS_PER_SEC, TransferModel.DEFAULT_READ_RTT_NS,
            new double[1], START, new boolean[] {false, true, false}));
        final CloudModel model = b.build();
        final double[] rates = new double[2];
        final TransferEstimate estimate = new TransferEstimate(model, new TransferLedger(model, null, 0), l -> true,
            c -> rates[c]);

        assertThat(estimate.usdPerRequest(0, 0, -1)).isCloseTo(0.0625, within(1e-15));
        rates[0] = 3;
        rates[1] = 1;
        assertThat(estimate.usdPerRequest(0, 0, -1)).isCloseTo(0.08125, within(1e-15));
    }

    @Test
    void shouldCountTheResponseOnlyWithoutADataSet()
    {
        final CloudModel model = model(null, new int[0], null);
        final TransferEstimate estimate = new TransferEstimate(model, new TransferLedger(model, null, 0), l -> true,
            c -> 0);
        assertThat(estimate.nearestServing(2)).isEqualTo(-1);
        assertThat(estimate.usdPerRequest(0, 2, estimate.nearestServing(2))).isCloseTo(0.025, within(1e-15));
    }

    @Test
    void shouldReadFromTheNearestServingStorageLocation()
    {
        final CloudModel model = model(SizeDistribution.constant(GB / 2), new int[] {0}, storage());
        final TransferLedger ledger = new TransferLedger(model, null, 0);
        final boolean[] serving = {true, true};
        final TransferEstimate estimate = new TransferEstimate(model, ledger, location -> serving[location], c -> 0);

        // o0 (pa) reads from pb (other region, 0.02) before qa (internet); o2 (qa) from qa itself.
        assertThat(estimate.nearestServing(0)).isZero();
        assertThat(estimate.nearestServing(2)).isEqualTo(1);
        serving[0] = false;
        assertThat(estimate.nearestServing(0)).isEqualTo(1);
        // o0 reading from qa: q sends 0.5 GB over the internet at 0.10.
        assertThat(estimate.usdPerRequest(0, 0, 1)).isCloseTo(0.025 + 0.05, within(1e-15));
        serving[1] = false;
        assertThat(estimate.nearestServing(0)).isEqualTo(-1);
        assertThat(estimate.usdPerRequest(0, 0, -1)).isCloseTo(0.025, within(1e-15));
    }

    /** A 4 GB copy from pb to qa with p at 2 GB this month: 1 GB at 0.10 and 3 GB at 0.05 (exact, across the tier). */
    @Test
    void shouldPriceACopyAtTheExactTieredCostFromTheSendersVolume()
    {
        final CloudModel model = model(SizeDistribution.constant(GB / 2), new int[] {0}, storage());
        final TransferLedger ledger = new TransferLedger(model, null, 0);
        final TransferEstimate estimate = new TransferEstimate(model, ledger, location -> true, c -> 0);
        ledger.record(0, LinkClass.INTERNET, 0, 2 * GB, true);
        assertThat(estimate.copyUsd(1, 0, 1, 4 * GB)).isCloseTo(0.10 + 0.15, within(1e-15));
        // From qa (provider q, nothing moved): 4 GB, 3 at 0.10 and 1 at 0.05.
        assertThat(estimate.copyUsd(1, 1, 0, 4 * GB)).isCloseTo(0.30 + 0.05, within(1e-15));
    }

    /**
     * Prices from a {@code transfer} trace that change at 1 h, for p only: p's internet 0.10 then 0.05 from 3 GB until
     * 1 h, then 0.20 then 0.04; q's internet 0.08 throughout; every other class free. Each part is priced by its
     * sender's table in force at the time asked, at the tier its monthly volume is in.
     */
    @Test
    void shouldPriceEachPartByItsSendersTableInForceWhenPricesAreScheduled()
    {
        final long[][] starts = new long[2 * LinkClass.COUNT][];
        final long[][][] from = new long[starts.length][][];
        final double[][][] usd = new double[starts.length][][];
        for (int i = 0; i < starts.length; i++)
        {
            starts[i] = new long[] {0};
            from[i] = new long[][] {{0}};
            usd[i] = new double[][] {{0}};
        }
        final int pInternet = LinkClass.INTERNET;
        starts[pInternet] = new long[] {0, HOUR};
        from[pInternet] = new long[][] {{0, 3 * GB}, {0, 3 * GB}};
        usd[pInternet] = new double[][] {{0.10, 0.05}, {0.20, 0.04}};
        usd[LinkClass.COUNT + LinkClass.INTERNET] = new double[][] {{0.08}};
        final TransferPrices prices = TransferPrices.schedule(2, starts, from, usd, "test schedule");

        final CloudModel model = model(SizeDistribution.constant(GB / 2), new int[] {0}, null, prices);
        final TransferLedger ledger = new TransferLedger(model, null, 0);
        final TransferEstimate estimate = new TransferEstimate(model, ledger, location -> false, c -> 0);
        // o0 in pa: its 0.25 GB responses at p's internet price, its read from pa free.
        assertThat(estimate.usdPerRequest(0, 0, 0)).isCloseTo(0.025, within(1e-15));
        assertThat(estimate.usdPerRequest(HOUR - 1, 0, 0)).isCloseTo(0.025, within(1e-15));
        assertThat(estimate.usdPerRequest(HOUR, 0, 0)).isCloseTo(0.05, within(1e-15));
        // o2 in qa: responses at q's 0.08 (0.02), the 0.5 GB read from pa sent by p: 0.05, then 0.10 from 1 h.
        assertThat(estimate.usdPerRequest(0, 2, 0)).isCloseTo(0.02 + 0.05, within(1e-15));
        assertThat(estimate.usdPerRequest(HOUR, 2, 0)).isCloseTo(0.02 + 0.10, within(1e-15));
        // p past 3 GB this month: the table in force's second tier (0.05 before 1 h, 0.04 after); q's unchanged.
        ledger.record(HOUR / 2, LinkClass.INTERNET, 0, 3 * GB, true);
        assertThat(estimate.usdPerRequest(HOUR - 1, 2, 0)).isCloseTo(0.02 + 0.025, within(1e-15));
        assertThat(estimate.usdPerRequest(HOUR, 2, 0)).isCloseTo(0.02 + 0.02, within(1e-15));

        // A 4 GB copy from pb (p, nothing moved) to qa: 3 GB at 0.10 and 1 at 0.05, then 3 at 0.20 and 1 at 0.04.
        final CloudModel stored = model(SizeDistribution.constant(GB / 2), new int[] {0}, storage(), prices);
        final TransferEstimate copies = new TransferEstimate(stored, new TransferLedger(stored, null, 0),
            location -> true, c -> 0);
        assertThat(copies.copyUsd(0, 0, 1, 4 * GB)).isCloseTo(0.30 + 0.05, within(1e-15));
        assertThat(copies.copyUsd(HOUR, 0, 1, 4 * GB)).isCloseTo(0.60 + 0.04, within(1e-15));
        // From qa (q): 4 GB at 0.08 whenever.
        assertThat(copies.copyUsd(HOUR, 1, 0, 4 * GB)).isCloseTo(0.32, within(1e-15));
    }

    @Test
    void shouldRefuseAModelWithoutBytes()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        b.offer(r, b.instanceType(p, "t", 1, 1, 0), CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", LoadSeries.constant(1));
        b.times(HOUR, 0, HOUR, HOUR);
        final CloudModel model = b.build();
        assertThatThrownBy(() -> new TransferEstimate(model, null, l -> true, c -> 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transfer:");
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.storage.StorageModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.SizeDistribution;
import io.windtunnel.simulator.transfer.TransferModel;
import io.windtunnel.simulator.transfer.TransferPrices;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link StorageLpPlacement} on hand-set views. Provider p has regions "east" and "west", each with one offer at
 * 1.00 USD/h (offers 0 and 1) and a quota of {@code quota}; provider q has region "qx" with no compute. Storage
 * locations: 0 in east at 0.10 USD/GB-month, 1 in qx at 0.01, 2 in west at 0.01. The data set is 730 GB, so a
 * location costs its GB-month price x 730 / 730 = that price per hour. 10 requests/s are served by 4 replicas:
 * 9,000 requests per replica-hour.
 */
class StorageLpPlacementTest extends StoragePolicyContractTest
{
    @Override
    StoragePolicy newPolicy(final CloudModel model)
    {
        final boolean[] allProviders = new boolean[model.providerNames.length];
        java.util.Arrays.fill(allProviders, true);
        return new StorageLpPlacement(new boolean[] {true, true}, allProviders, 2, 24);
    }

    private static final long GB = ByteUnits.BYTES_PER_GB;

    private static CloudModel model(final int quota)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int q = b.provider("q", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(p, "east", quota);
        final int west = b.region(p, "west", quota);
        final int qx = b.region(q, "qx", 10);
        final int t = b.instanceType(p, "t", 1, 1, 0);
        b.offer(east, t, CloudModel.ON_DEMAND, PriceSeries.constant(1.00));
        b.offer(west, t, CloudModel.ON_DEMAND, PriceSeries.constant(1.00));
        b.client("c", LoadSeries.constant(10));
        b.times(3_600_000_000_000L, 0, 60_000_000_000L, 60_000_000_000L);
        final int none = CloudModel.NO_ZONE;
        b.storage(new StorageModel(new String[] {"east-store", "q-store", "west-store"}, new int[] {east, qx, west},
            new int[] {none, none, none}, new String[] {"standard", "standard", "standard"},
            new double[] {0.10, 0.01, 0.01}, new double[3], new double[3], new long[] {0}, new long[] {730 * GB},
            GB));
        // a data-set read, which a storage section needs; the tests set the transfer estimates by hand
        b.transfer(new TransferModel(null, null, SizeDistribution.constant(1 << 20), new int[0], new int[0],
            TransferPrices.awsExample(), TransferModel.DEFAULT_BITS_PER_SEC, TransferModel.DEFAULT_READ_RTT_NS,
            new double[3], 0));
        return b.build();
    }

    private static FakeView view(final CloudModel model)
    {
        final FakeView view = new FakeView(model);
        view.ratePerSec = 10;
        view.active = 4;
        view.dataSetBytes = 730 * GB;
        return view;
    }

    /** Per offer (rows) and location (columns): the transfer USD per request of serving with the data there. */
    private static void transfer(final FakeView view, final double[][] usd)
    {
        for (int offer = 0; offer < usd.length; offer++)
        {
            System.arraycopy(usd[offer], 0, view.transferUsdPerRequestFrom[offer], 0, usd[offer].length);
        }
    }

    private static StorageLpPlacement policy(final int maxLocations, final double horizonHours)
    {
        return new StorageLpPlacement(new boolean[] {true, true}, new boolean[] {true, true}, maxLocations,
            horizonHours);
    }

    /**
     * Each offer reads its own region's store for free and the others' at 2e-5 USD per request (0.18 USD per
     * replica-hour). With the LP's fleet ({@code fleet: planned}) the cheap west-store wins with all four replicas
     * moved west (0.01 + 4.00 = 4.01 USD/h); with {@code fleet: current} and the four replicas in east, west-store
     * would cost 0.01 + 4 + 4 x 0.18 = 4.73 and east-store 0.10 + 4 = 4.10: the store next to the replicas the stack
     * really runs wins.
     */
    @Test
    void shouldPriceTheCurrentReplicasWithFleetCurrent()
    {
        final CloudModel model = model(10);
        final double[][] usd = {{0, 2e-5, 2e-5}, {2e-5, 2e-5, 0}};
        final FakeView planned = view(model);
        planned.offerActive = new int[] {4, 0};
        transfer(planned, usd);
        final boolean[] held = new boolean[3];
        assertThat(policy(1, 24).placeData(planned, held)).isTrue();
        assertThat(held).containsExactly(false, false, true);

        final FakeView current = view(model);
        current.offerActive = new int[] {4, 0};
        transfer(current, usd);
        final BoundedDecisionLog log = new BoundedDecisionLog(10, 10, 100);
        current.decisions = log;
        final boolean[] held2 = new boolean[3];
        assertThat(new StorageLpPlacement(new boolean[] {true, true}, new boolean[] {true, true}, 1, 24, false)
            .placeData(current, held2)).isTrue();
        assertThat(held2).containsExactly(true, false, false);
        assertThat(log.score(0, 2, StorageLpPlacement.TRANSFER)).isCloseTo(0.72, within(1e-9));
        assertThat(log.score(0, 2, StorageLpPlacement.TOTAL)).isCloseTo(4.73, within(1e-9));
        assertThat(log.score(0, 0, StorageLpPlacement.TOTAL)).isCloseTo(4.10, within(1e-9));
    }

    /**
     * Reading from q-store (or west-store, here as far) costs 2e-5 USD per request from either offer (0.18 USD per
     * replica-hour), from east-store nothing for the east offer: east-store totals 0.10 + 4 x 1.00 = 4.10 USD/h,
     * q-store 0.01 + 4 + 4 x 0.18 = 4.73. The dear store near the compute wins.
     */
    @Test
    void shouldPreferTheDearStoreNearTheComputeWhenTransferDominates()
    {
        final CloudModel model = model(10);
        final FakeView view = view(model);
        transfer(view, new double[][] {{0, 2e-5, 2e-5}, {1e-5, 2e-5, 2e-5}});
        final BoundedDecisionLog log = new BoundedDecisionLog(10, 10, 100);
        view.decisions = log;
        final boolean[] held = new boolean[3];

        assertThat(policy(1, 24).placeData(view, held)).isTrue();
        assertThat(held).containsExactly(true, false, false);
        // The record: per candidate, its storage, transfer, compute, move and total per hour.
        assertThat(log.policy(0)).isEqualTo(StoragePolicy.DECISION_PREFIX + StorageLpPlacement.TYPE);
        assertThat(log.chosen(0)).isZero();
        assertThat(log.optionCount(0)).isEqualTo(3);
        assertThat(log.score(0, 0, StorageLpPlacement.STORAGE)).isCloseTo(0.10, within(1e-12));
        assertThat(log.score(0, 0, StorageLpPlacement.TRANSFER)).isCloseTo(0.0, within(1e-12));
        assertThat(log.score(0, 0, StorageLpPlacement.COMPUTE)).isCloseTo(4.0, within(1e-12));
        assertThat(log.score(0, 0, StorageLpPlacement.TOTAL)).isCloseTo(4.10, within(1e-12));
        assertThat(log.score(0, 1, StorageLpPlacement.STORAGE)).isCloseTo(0.01, within(1e-12));
        assertThat(log.score(0, 1, StorageLpPlacement.TRANSFER)).isCloseTo(0.72, within(1e-12));
        assertThat(log.score(0, 1, StorageLpPlacement.MOVE)).isZero();
        assertThat(log.score(0, 1, StorageLpPlacement.TOTAL)).isCloseTo(4.73, within(1e-12));
        assertThat(log.score(0, 2, StorageLpPlacement.TOTAL)).isCloseTo(4.73, within(1e-12));
        assertThat(log.rule(0)).isEqualTo(StorageLpPlacement.RULE);
    }

    /** q-store's cheap storage wins once its transfer is negligible (west-store's reads cost 1e-5 from both offers). */
    @Test
    void shouldPreferTheCheapFarStoreWhenTransferIsNegligible()
    {
        final CloudModel model = model(10);
        final FakeView view = view(model);
        transfer(view, new double[][] {{0, 1e-9, 1e-5}, {1e-5, 1e-9, 1e-5}});
        final boolean[] held = new boolean[3];
        assertThat(policy(1, 24).placeData(view, held)).isTrue();
        // q-store: 0.01 + 4 + 4 x 9,000 x 1e-9 = 4.010036 < east-store 4.10 < west-store 4.01 + 0.36.
        assertThat(held).containsExactly(false, true, false);
    }

    /**
     * The data is in east-store and q-store would save 0.09 USD/h, but copying 730 GB costs 65.70 USD: over 24 h
     * that is 2.74 USD/h, so the data stays (no answer to act on); over 1,000 h it is 0.0657 USD/h, and it moves.
     */
    @Test
    void shouldNotMoveWhenTheCopyOverTheHorizonCostsMoreThanItSaves()
    {
        final CloudModel model = model(10);
        final FakeView view = view(model);
        transfer(view, new double[][] {{0, 0, 1e-3}, {1e-3, 0, 1e-3}});
        view.copyUsd[0][1] = 65.70;
        view.copyUsd[0][2] = 65.70;
        final boolean[] held = {true, false, false};
        final StorageLpPlacement shortHorizon = policy(1, 24);
        for (int decision = 0; decision < 5; decision++)
        {
            assertThat(shortHorizon.placeData(view, held)).isFalse();
            assertThat(held).containsExactly(true, false, false);
        }
        assertThat(policy(1, 1000).placeData(view, held)).isTrue();
        assertThat(held).containsExactly(false, true, false);
        // Where it is now, the copy back would cost as much: it stays in q-store (no flap back).
        view.copyUsd[1][0] = 65.70;
        view.copyUsd[1][2] = 65.70;
        assertThat(policy(1, 24).placeData(view, held)).isFalse();
        assertThat(held).containsExactly(false, true, false);
    }

    /**
     * Quotas of 2 per region split the 4 replicas between east and west; a read across regions costs 1e-4 USD per
     * request (0.9 USD per replica-hour). A single store charges two replicas 1.8 USD/h of transfer; east + west
     * stores cost 0.11 USD/h of storage and no transfer, so the pair wins when pairs are priced.
     */
    @Test
    void shouldHoldAPairWhenTheFleetIsSplitAndPairsAreAllowed()
    {
        final CloudModel model = model(2);
        final FakeView view = view(model);
        transfer(view, new double[][] {{0, 1e-4, 1e-4}, {1e-4, 1e-4, 0}});
        final boolean[] single = new boolean[3];
        assertThat(policy(1, 24).placeData(view, single)).isTrue();
        // Singles: east-store 0.10 + 4 + 1.8, q-store 0.01 + 4 + 3.6 (all four read across), west-store 0.01 + 4 + 1.8.
        assertThat(single).containsExactly(false, false, true);

        final BoundedDecisionLog log = new BoundedDecisionLog(10, 10, 100);
        view.decisions = log;
        final boolean[] pair = new boolean[3];
        assertThat(policy(2, 24).placeData(view, pair)).isTrue();
        assertThat(pair).containsExactly(true, false, true);
        // Candidates: 3 singles, then (0, 1), (0, 2), (1, 2); the chosen (0, 2) is candidate 4.
        assertThat(log.optionCount(0)).isEqualTo(6);
        assertThat(log.chosen(0)).isEqualTo(4);
        assertThat(log.score(0, 4, StorageLpPlacement.FIRST)).isZero();
        assertThat(log.score(0, 4, StorageLpPlacement.SECOND)).isEqualTo(2);
        assertThat(log.score(0, 4, StorageLpPlacement.TOTAL)).isCloseTo(0.11 + 4.0, within(1e-12));
    }

    @Test
    void shouldDeclareItsParametersWhenRegistered()
    {
        final PolicyProvider<StoragePolicy> provider = new StorageLpPlacement.Provider();
        assertThat(provider.parameters()).extracting(PolicyParameter::name)
            .isEqualTo(List.of("markets", "providers", "maxLocations", "horizonHours", "fleet"));
        assertThat(provider.parameter("horizonHours").defaultNumber()).isEqualTo(24.0);
        assertThatThrownBy(() -> policy(3, 24)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxLocations");
        assertThatThrownBy(() -> policy(1, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("horizonHours");
    }
}

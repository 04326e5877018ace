package io.windtunnel.simulator;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.simulator.policy.StoragePolicy;
import io.windtunnel.simulator.storage.StorageModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.SizeDistribution;
import io.windtunnel.simulator.transfer.TransferModel;
import io.windtunnel.simulator.transfer.TransferPrices;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Storage placement in a run, on a hand-computed case: the data set in "a" (east), copied to "b" (west, another
 * region of the provider) at 10 minutes, grown from 10 to 12 GB at 20 minutes while both hold it, and dropped from
 * "a" at 30 minutes; three reads, from "a", "a" and "b".
 */
class DataPlacementTest
{
    private static final long GB = ByteUnits.BYTES_PER_GB;
    private static final long MB = 1L << 20;
    private static final long MS = 1_000_000L;
    private static final long MINUTE = 60_000 * MS;

    /** Wants {a} before 10 minutes, {a, b} until 30, then {b}; records what the view showed at each call. */
    static final class Scripted implements StoragePolicy
    {
        final List<String> seen = new ArrayList<>();

        @Override
        public boolean placeData(final SimulationView view, final boolean[] held)
        {
            seen.add(view.nowNs() / MINUTE + ":" + view.dataHeld(0) + view.dataHeld(1) + "/" + view.dataServing(0) +
                view.dataServing(1) + "/" + view.dataSetBytes() / GB);
            final long now = view.nowNs();
            held[0] = now < 30 * MINUTE;
            held[1] = now >= 10 * MINUTE;
            return true;
        }
    }

    private static CloudModel model()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(p, "east", 10);
        final int west = b.region(p, "west", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(east, t, CloudModel.ON_DEMAND, PriceSeries.constant(1.0));
        final long[] work = {10 * MS, 10 * MS, 10 * MS};
        final int c = b.client("c", new ArrivalLog(new long[] {5 * MINUTE, 15 * MINUTE, 45 * MINUTE}, work));
        b.rtt(c, east, 20 * MS).rtt(c, west, 20 * MS);
        b.service(CloudModel.DETERMINISTIC, 10 * MS, 0);
        b.times(60 * MINUTE, 0, 10 * MINUTE, 10 * MINUTE);
        final TransferPrices prices = new TransferPrices(new long[][] {{0}, {0}, {0}, {0}, {0}},
            new double[][] {{0}, {0.01}, {0.02}, {0.09}, {0.08}}, "test");
        b.transfer(new TransferModel(null, null, SizeDistribution.constant(MB), new int[0], new int[0], prices,
            TransferModel.DEFAULT_BITS_PER_SEC, TransferModel.DEFAULT_READ_RTT_NS, new double[2], 0));
        b.storage(new StorageModel(new String[] {"a", "b"}, new int[] {east, west},
            new int[] {CloudModel.NO_ZONE, CloudModel.NO_ZONE}, new String[] {"standard", "standard"},
            new double[] {0.02, 0.03}, new double[] {1.0, 2.0}, new double[] {10.0, 10.0},
            new long[] {0, 20 * MINUTE}, new long[] {10 * GB, 12 * GB}, GB));
        return b.build();
    }

    private static PolicyStack stack(final Supplier<StoragePolicy> storage)
    {
        final PolicyStack base = Fixtures.fixed(1, 1);
        return new PolicyStack("storage", Map.of(), base.autoscaler(), base.placement(), base.balancer(),
            base.failover(), storage);
    }

    @Test
    void shouldBillStorageCopiesGrowthAndReadsExactlyWhenTheDataMovesMakeBeforeBreak()
    {
        final Scripted policy = new Scripted();
        final CloudModel model = model();
        final Simulation s = Fixtures.run(model, stack(() -> policy), 3);

        assertThat(s.measuredCompleted()).isEqualTo(3);
        // a: 10 GB for 20 min, 12 GB for 10 min; b: from the copy's start at 10 min, 10 GB for 10 min, 12 GB for 40.
        final double aUsd = 0.02 * (10 * 20 + 12 * 10) / 60.0 / 730;
        final double bUsd = 0.03 * (10 * 10 + 12 * 40) / 60.0 / 730;
        final double[] a = s.storageLocation(0);
        final double[] b = s.storageLocation(1);
        assertThat(a[0]).isCloseTo(0.5, within(1e-12));
        assertThat(b[0]).isCloseTo(50 / 60.0, within(1e-12));
        assertThat(a[1]).isCloseTo(aUsd, within(1e-15));
        assertThat(b[1]).isCloseTo(bUsd, within(1e-15));
        // Reads: the first two from a (same region as the replica), the last from b once a dropped. Writes: 2 GB of
        // growth in 1 GB objects at each of the two holders.
        assertThat(a[3]).isEqualTo(2);
        assertThat(b[3]).isEqualTo(1);
        assertThat(a[4]).isEqualTo(2);
        assertThat(b[4]).isEqualTo(2);
        assertThat(a[2]).isCloseTo(2 * 1.0 / 1000 + 2 * 10.0 / 1000, within(1e-15));
        assertThat(b[2]).isCloseTo(1 * 2.0 / 1000 + 2 * 10.0 / 1000, within(1e-15));
        assertThat(s.storageCostUsd()).isCloseTo(aUsd + bUsd + 0.002 + 0.002 + 0.04, within(1e-15));

        // The copy (10 GB) and the growth sent to b (2 GB) cross regions, as does the last read (1 MB).
        assertThat(s.storageCopies()).isEqualTo(1);
        assertThat(s.storageCopiedBytes()).isEqualTo(12 * GB);
        assertThat(s.transferLedger().bytes(LinkClass.OTHER_REGION)).isEqualTo(12 * GB + MB);
        assertThat(s.transferLedger().bytes(LinkClass.SAME_ZONE)).isEqualTo(2 * MB);
        assertThat(s.transferLedger().costUsd(LinkClass.OTHER_REGION)).isCloseTo(0.02 * (12 + 1 / 1024.0),
            within(1e-12));

        // What the policy saw: the copy to b takes 10 GB / 1 Gbps = 86 s, so b serves at 20 min, not at 10.
        assertThat(policy.seen).startsWith("0:falsefalse/falsefalse/10", "0:truefalse/truefalse/10",
            "10:truefalse/truefalse/10", "20:truetrue/truetrue/12", "30:truetrue/truetrue/12",
            "40:falsetrue/falsetrue/12");

        // Time series: GB held (both at 12 GB in row 2, b alone from row 3), the cumulative storage cost at the end.
        final int column = RequestPath.transferColumn(model) + LinkClass.COUNT * 2;
        assertThat(s.series().get(3, column + 1)).isEqualTo(12.0);
        assertThat(s.series().get(s.series().rows() - 1, column)).isCloseTo(s.storageCostUsd(), within(1e-15));
    }

    @Test
    void shouldStopTheRunWhenTheStoragePolicyWantsNoLocation()
    {
        final StoragePolicy none = (view, held) ->
        {
            java.util.Arrays.fill(held, false);
            return true;
        };
        assertThatThrownBy(() -> Fixtures.run(model(), stack(() -> none), 3))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("wanted no location");
    }
}

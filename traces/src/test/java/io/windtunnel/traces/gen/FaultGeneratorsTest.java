package io.windtunnel.traces.gen;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FaultGeneratorsTest
{
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final long DAY_NS = 24 * HOUR_NS;
    private static final long START_NS = 1_704_067_200_000_000_000L;

    @Test
    void shouldPreemptHazardTimesExposureWhenBatchesAreSingle()
    {
        final double hazard = 0.002;
        final int instances = 50;
        final double hours = 400 * 24;
        final TraceTable table = HazardPreemptions.generate(
            List.of(SpotFleet.parse("aws/us-east-1/us-east-1a/m5.large:50")), hazard, 1, START_NS,
            START_NS + (long)(hours * HOUR_NS), 3);

        assertThat(table.kind()).isEqualTo(TraceKind.FAULTS);
        assertThat(table.keys().fields(0)).containsExactly("aws", "us-east-1", "us-east-1a", "m5.large");
        double preempted = 0;
        for (int row = 0; row < table.rowCount(); row++)
        {
            assertThat(table.code(row)).isEqualTo(FaultKind.PREEMPT.code());
            assertThat(table.value(row)).isEqualTo(1.0);
            preempted += table.value(row);
        }
        final double expected = hazard * instances * hours;
        assertThat(preempted).isCloseTo(expected, within(4 * Math.sqrt(expected)));
    }

    @Test
    void shouldKeepMeanAndWidenVarianceWhenPreemptionsComeInBatches()
    {
        final double hazard = 0.01;
        final double meanBatch = 3;
        final double hours = 200 * 24;
        final List<SpotFleet> fleets = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            fleets.add(SpotFleet.parse("gcp/us-central1/n2-standard-" + i + ":100@" + hazard));
        }
        final TraceTable table = HazardPreemptions.generate(fleets, 0, meanBatch, START_NS,
            START_NS + (long)(hours * HOUR_NS), 12);

        double preempted = 0;
        double maxBatch = 0;
        for (int row = 0; row < table.rowCount(); row++)
        {
            preempted += table.value(row);
            maxBatch = Math.max(maxBatch, table.value(row));
            assertThat(table.value(row)).isBetween(1.0, 100.0);
        }
        final double expected = 10 * 100 * hazard * hours;
        // Compound Poisson: variance (events) * E[B^2], E[B^2] = b (2b - 1).
        final double se = Math.sqrt(expected / meanBatch * meanBatch * (2 * meanBatch - 1));
        assertThat(preempted).isCloseTo(expected, within(4 * se));
        final double events = expected / meanBatch;
        assertThat((double)table.rowCount()).isCloseTo(events, within(4 * Math.sqrt(events)));
        assertThat(maxBatch).isGreaterThan(5);
    }

    @Test
    void shouldUseFleetHazardOverDefaultAndConvertMonthlyFrequency()
    {
        final TraceTable table = HazardPreemptions.generate(List.of(SpotFleet.parse("aws/eu-west-1/m5.large:10@0"),
            SpotFleet.parse("aws/eu-west-1/m5.xlarge:10")), 0.05, 1, START_NS, START_NS + 10 * DAY_NS, 1);

        for (int row = 0; row < table.rowCount(); row++)
        {
            assertThat(table.keys().field(table.keyId(row), 3)).isEqualTo("m5.xlarge");
        }
        assertThat(table.rowCount()).isGreaterThan(60);
        assertThat(HazardPreemptions.hazardPerHourFromMonthlyFrequency(0.075)).isCloseTo(1.068e-4, within(1e-6));
    }

    @Test
    void shouldPreemptAndMarkUnavailableWhileSpotPriceIsAboveBid()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        final KeyDictionary keys = builder.keys();
        final int onDemand = keys.intern("aws", "us-east-1", "", "m5.large", Market.ON_DEMAND.label());
        final int spot = keys.intern("aws", "us-east-1", "", "m5.large", Market.SPOT.label());
        final int other = keys.intern("aws", "eu-west-1", "", "m5.large", Market.SPOT.label());
        builder.add(START_NS, onDemand, 0, 0.1);
        builder.add(START_NS, spot, 0, 0.03);
        builder.add(START_NS, other, 0, 0.08);
        builder.add(START_NS + HOUR_NS, spot, 0, 0.06);
        builder.add(START_NS + 2 * HOUR_NS, spot, 0, 0.07);
        builder.add(START_NS + 3 * HOUR_NS, spot, 0, 0.05);
        builder.add(START_NS + 4 * HOUR_NS, spot, 0, 0.04);
        builder.add(START_NS + 5 * HOUR_NS, other, 0, 0.02);
        final TraceTable prices = builder.build();

        // Bid 0.5 x on-demand = 0.05 in us-east-1: above at 1h (preempt 7, unavailable), still above at 2h,
        // back at or below at 3h (available).
        final TraceTable relative = BidPreemptions.generate(prices, BidPreemptions.Bid.ofOnDemand(0.5), 7,
            List.of(), List.of("us-east-1"), List.of());
        assertThat(rows(relative)).containsExactly(
            "1h aws/us-east-1/m5.large preempt 7.0", "1h aws/us-east-1/m5.large unavailable 0.0",
            "3h aws/us-east-1/m5.large available 0.0");

        // An absolute bid applies to every spot key; eu-west-1 starts above it: unavailable, but nothing to preempt.
        final TraceTable absolute = BidPreemptions.generate(prices, BidPreemptions.Bid.absolute(0.05), 7,
            List.of(), List.of(), List.of());
        assertThat(rows(absolute)).containsExactly(
            "0h aws/eu-west-1/m5.large unavailable 0.0",
            "1h aws/us-east-1/m5.large preempt 7.0", "1h aws/us-east-1/m5.large unavailable 0.0",
            "3h aws/us-east-1/m5.large available 0.0", "5h aws/eu-west-1/m5.large available 0.0");

        // eu-west-1 has no on-demand series, so a bid relative to on-demand cannot be placed there.
        assertThatThrownBy(() -> BidPreemptions.generate(prices, BidPreemptions.Bid.ofOnDemand(0.5), 7,
            List.of(), List.of(), List.of()))
            .hasMessageContaining("no on-demand series for aws/eu-west-1/m5.large/spot");
        assertThatThrownBy(() -> BidPreemptions.generate(prices, BidPreemptions.Bid.absolute(0.05), 7,
            List.of("gcp"), List.of(), List.of())).hasMessageContaining("no spot series matching providers [gcp]");
    }

    @Test
    void shouldNeverPreemptWhenBidIsAtOnDemandAndSpotIsCapped()
    {
        final TraceTable prices = PriceTraceGenerator.generate(OnDemandCatalog.builtIn().entries(),
            EnumSet.allOf(Market.class), new SpotPriceModel(0.9, 1, 0.5, 24, 1, 0.5, 4), START_NS,
            START_NS + 30 * DAY_NS, 6);

        assertThat(BidPreemptions.generate(prices, BidPreemptions.Bid.ofOnDemand(1.0), 1, List.of(), List.of(),
            List.of()).rowCount()).isZero();
        final TraceTable half = BidPreemptions.generate(prices, BidPreemptions.Bid.ofOnDemand(0.9), 1, List.of(),
            List.of(), List.of());
        assertThat(half.rowCount()).isGreaterThan(0);
        // Per key, unavailable and available alternate, starting with unavailable.
        for (int key = 0; key < half.keys().size(); key++)
        {
            int previous = FaultKind.AVAILABLE.code();
            for (int row = 0; row < half.rowCount(); row++)
            {
                if (half.keyId(row) == key && half.code(row) != FaultKind.PREEMPT.code())
                {
                    assertThat(half.code(row)).isNotEqualTo(previous);
                    previous = half.code(row);
                }
            }
        }
    }

    @Test
    void shouldMatchAvailabilityWhenOutagesRunLong()
    {
        final long mtbfNs = 5 * DAY_NS;
        final long mttrNs = 6 * HOUR_NS;
        final long windowNs = 20_000 * DAY_NS;
        final TraceTable table = RegionOutages.generate(List.of(RegionOutages.Target.parse("aws/eu-west-1"),
            RegionOutages.Target.parse("azure/westeurope/westeurope-1")), mtbfNs, mttrNs, START_NS,
            START_NS + windowNs, 21);

        assertThat(table.keys().fields(0)).containsExactly("aws", "eu-west-1", "", "");
        assertThat(table.keys().fields(1)).containsExactly("azure", "westeurope", "westeurope-1", "");
        for (int key = 0; key < 2; key++)
        {
            long downNs = 0;
            long startedNs = -1;
            int outages = 0;
            for (int row = 0; row < table.rowCount(); row++)
            {
                if (table.keyId(row) != key)
                {
                    continue;
                }
                if (table.code(row) == FaultKind.OUTAGE_START.code())
                {
                    assertThat(startedNs).isEqualTo(-1);
                    startedNs = table.timeNs(row);
                    outages++;
                }
                else
                {
                    assertThat(table.code(row)).isEqualTo(FaultKind.OUTAGE_END.code());
                    assertThat(startedNs).isNotEqualTo(-1);
                    downNs += table.timeNs(row) - startedNs;
                    startedNs = -1;
                }
            }
            if (startedNs >= 0)
            {
                downNs += START_NS + windowNs - startedNs;
            }
            final double availability = 1 - (double)downNs / windowNs;
            final double expected = 5.0 / (5 + 0.25);
            // Renewal reward over n ~ 3800 cycles, exponential up (b) and down (r) times: by the delta method the
            // down fraction has SD sqrt(2 n) b r / ((b + r) T).
            final double cycles = windowNs / (double)(mtbfNs + mttrNs);
            final double se = Math.sqrt(2 * cycles) * (5.0 * 0.25 / 5.25) / (windowNs / (double)DAY_NS);
            assertThat(availability).isCloseTo(expected, within(4 * se));
            assertThat((double)outages).isCloseTo(cycles, within(4 * Math.sqrt(cycles)));
        }
    }

    @Test
    void shouldGiveEqualFaultTablesForEqualSeedsAndDifferentForDifferentSeeds()
    {
        final List<SpotFleet> fleets = List.of(SpotFleet.parse("aws/us-east-1/m5.large:20@0.01"));
        final long endNs = START_NS + 30 * DAY_NS;
        assertThat(HazardPreemptions.generate(fleets, 0, 2, START_NS, endNs, 5))
            .isEqualTo(HazardPreemptions.generate(fleets, 0, 2, START_NS, endNs, 5))
            .isNotEqualTo(HazardPreemptions.generate(fleets, 0, 2, START_NS, endNs, 6));
        final List<RegionOutages.Target> targets = List.of(RegionOutages.Target.parse("gcp/us-central1"));
        assertThat(RegionOutages.generate(targets, DAY_NS, HOUR_NS, START_NS, endNs, 5))
            .isEqualTo(RegionOutages.generate(targets, DAY_NS, HOUR_NS, START_NS, endNs, 5))
            .isNotEqualTo(RegionOutages.generate(targets, DAY_NS, HOUR_NS, START_NS, endNs, 6));
    }

    @Test
    void shouldDeclareGeneratedWindowAsSpanWhenGeneratingFaultsAndPrices()
    {
        final long endNs = START_NS + 2 * DAY_NS;
        final TraceTable hazard = HazardPreemptions.generate(
            List.of(SpotFleet.parse("aws/us-east-1/m5.large:20@0.01")), 0, 1, START_NS, endNs, 5);
        final TraceTable outages = RegionOutages.generate(List.of(RegionOutages.Target.parse("gcp/us-central1")),
            DAY_NS, HOUR_NS, START_NS, endNs, 5);
        final TraceTable prices = PriceTraceGenerator.generate(OnDemandCatalog.builtIn().entries(),
            EnumSet.allOf(Market.class), new SpotPriceModel(0.9, 1, 0.5, 24, 1, 0.5, 4), START_NS, endNs, 6);
        for (final TraceTable table : List.of(hazard, outages, prices))
        {
            assertThat(table.spanDeclared()).as(table.kind().label()).isTrue();
            assertThat(table.spanStartNs()).isEqualTo(START_NS);
            assertThat(table.spanEndNs()).isEqualTo(endNs);
        }
        // Bid preemptions cover what their prices cover.
        final TraceTable bids = BidPreemptions.generate(prices, BidPreemptions.Bid.ofOnDemand(0.9), 1, List.of(),
            List.of(), List.of());
        assertThat(bids.spanStartNs()).isEqualTo(START_NS);
        assertThat(bids.spanEndNs()).isEqualTo(endNs);
    }

    private static List<String> rows(final TraceTable table)
    {
        final List<String> rows = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++)
        {
            final String[] key = table.keys().fields(table.keyId(row));
            rows.add((table.timeNs(row) - START_NS) / HOUR_NS + "h " + key[0] + "/" + key[1] + "/" + key[3] + " " +
                FaultKind.fromCode(table.code(row)).label() + " " + table.value(row));
        }
        return rows;
    }

    @Test
    void shouldRejectBadFaultParameters()
    {
        assertThatThrownBy(() -> SpotFleet.parse("aws/us-east-1:5")).hasMessageContaining("is not PROVIDER/REGION");
        assertThatThrownBy(() -> SpotFleet.parse("aws/us-east-1/m5.large:many")).hasMessageContaining("e.g.");
        assertThatThrownBy(() -> SpotFleet.parse("aws/us-east-1/m5.large:0")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> SpotFleet.parse("aws/us-east-1/m5.large:3@-1")).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> HazardPreemptions.generate(List.of(SpotFleet.parse("a/b/c:1")), 0.1, 0.5,
            START_NS, START_NS + DAY_NS, 1)).hasMessageContaining("mean batch");
        assertThatThrownBy(() -> HazardPreemptions.generate(List.of(SpotFleet.parse("a/b/c:1"),
            SpotFleet.parse("a/b/c:2")), 0.1, 1, START_NS, START_NS + DAY_NS, 1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> RegionOutages.Target.parse("aws")).hasMessageContaining("PROVIDER/REGION[/ZONE]");
        assertThatThrownBy(() -> HazardPreemptions.generate(List.of(SpotFleet.parse("a/b/c:100000@1000")), 0, 1,
            START_NS, START_NS + DAY_NS, 1))
            .hasMessageContaining("preemptions of a/b//c would take about 2.40e+09 rows");
        assertThatThrownBy(() -> RegionOutages.generate(List.of(RegionOutages.Target.parse("a/b")), 1, 1,
            START_NS, START_NS + DAY_NS, 1)).hasMessageContaining("outages would take about");
        assertThatThrownBy(() -> new BidPreemptions.Bid(0.1, 0.5)).hasMessageContaining("exactly one bid");
        assertThatThrownBy(() -> BidPreemptions.Bid.absolute(-1)).hasMessageContaining("positive");
    }
}

package io.windtunnel.simulator.report;

import io.windtunnel.simulator.runner.ConfidenceIntervals;
import io.windtunnel.simulator.runner.StackSummary;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The comparison table's derived rows: the failed-request rate and the cost saving against a baseline stack, paired
 * per replication.
 */
class ComparisonTableTest
{
    private static StackSummary stack(final String name, final double[] cost, final double[] arrived,
        final double[] timedOut, final double[] rejected, final double[] failed)
    {
        final Map<String, StackSummary.Statistic> metrics = new LinkedHashMap<>();
        metrics.put("requests.arrived", statistic(arrived));
        metrics.put("requests.timed_out", statistic(timedOut));
        metrics.put("requests.rejected", statistic(rejected));
        metrics.put("requests.failed", statistic(failed));
        metrics.put("cost.total_usd", statistic(cost));
        return new StackSummary(name, Map.of(), metrics);
    }

    private static StackSummary.Statistic statistic(final double[] values)
    {
        final List<Double> list = java.util.Arrays.stream(values).boxed().toList();
        return new StackSummary.Statistic(ConfidenceIntervals.mean(list), ConfidenceIntervals.halfWidth(list, 0.95),
            list);
    }

    private static StackSummary costs(final String name, final double... cost)
    {
        final double[] zeros = new double[cost.length];
        final double[] arrived = new double[cost.length];
        java.util.Arrays.fill(arrived, 100);
        return stack(name, cost, arrived, zeros, zeros, zeros);
    }

    @Test
    void shouldPairTheSavingPerReplicationSoCommonNoiseCancels()
    {
        // Costs that vary a lot between replications (the load differs) but whose ratio is the same in each.
        final StackSummary base = costs("od", 10, 20, 30, 40, 50);
        final StackSummary spot = costs("spot", 3, 6, 9, 12, 15);

        final StackSummary.Statistic saving = ComparisonTable.costSavingPct(spot, base);

        assertThat(saving.values()).allSatisfy(v -> assertThat(v).isCloseTo(70, within(1e-9)));
        assertThat(saving.mean()).isCloseTo(70, within(1e-9));
        assertThat(saving.halfWidth95()).isCloseTo(0, within(1e-9));
        // An unpaired reading of the same numbers would have a wide interval: the pairing is what makes it narrow.
        assertThat(spot.metrics().get("cost.total_usd").halfWidth95()).isGreaterThan(5);
    }

    @Test
    void shouldMatchTheStudentIntervalOfPerReplicationSavingsOnRandomCosts()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++)
        {
            final int n = 2 + random.nextInt(9);
            final double[] base = new double[n];
            final double[] other = new double[n];
            final List<Double> expected = new java.util.ArrayList<>();
            for (int r = 0; r < n; r++)
            {
                base[r] = 1 + random.nextDouble() * 100;
                other[r] = random.nextDouble() * 150;
                expected.add(100 * (1 - other[r] / base[r]));
            }
            final StackSummary.Statistic saving = ComparisonTable.costSavingPct(costs("b", other), costs("a", base));
            assertThat(saving.mean()).isCloseTo(ConfidenceIntervals.mean(expected), within(1e-9));
            assertThat(saving.halfWidth95()).isCloseTo(ConfidenceIntervals.halfWidth(expected, 0.95), within(1e-9));
        }
    }

    @Test
    void shouldCountTimedOutRejectedAndFailedAsFailedRequestsPerReplication()
    {
        final StackSummary s = stack("s", new double[] {1, 1}, new double[] {100, 200}, new double[] {1, 2},
            new double[] {2, 0}, new double[] {1, 2});

        final StackSummary.Statistic rate = ComparisonTable.failedRequestRate(s);

        assertThat(rate.values()).containsExactly(0.04, 0.02);
        assertThat(rate.mean()).isCloseTo(0.03, within(1e-12));
        assertThat(ComparisonTable.failedRequestRate(stack("empty", new double[] {1}, new double[] {0},
            new double[] {0}, new double[] {0}, new double[] {0})).values()).containsExactly(0.0);
    }

    @Test
    void shouldShowTheSavingRowOnlyWithABaselineAndMarkTheBaselineColumn()
    {
        final List<StackSummary> stacks = List.of(costs("od", 10, 20), costs("spot", 4, 8));

        assertThat(ComparisonTable.markdown(stacks, null)).doesNotContain("saving")
            .contains("| latency p90 (ms) |").contains("| failed-request rate (share) | 0.00000 ± 0.00000 |");
        assertThat(ComparisonTable.text(stacks)).isEqualTo(ComparisonTable.text(stacks, null));

        final List<String[]> cells = ComparisonTable.cells(stacks, "od");
        final String[] saving = cells.stream().filter(row -> row[0].startsWith("cost saving")).findFirst()
            .orElseThrow();
        assertThat(saving).containsExactly("cost saving vs od (%)", ComparisonTable.BASELINE_CELL, "60.0 ± 0.0");

        assertThatThrownBy(() -> ComparisonTable.cells(stacks, "nope"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
    }
}

package io.windtunnel.traces.ingest.internal;

import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.ingest.ImportSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PriceSeriesTest
{
    @Test
    void shouldKeepFirstChangesAndLastRowWhenCollapsingRepeats()
    {
        final PriceSeries series = new PriceSeries(null);
        final int key = series.key("gcp", "us-east1", "", "e2-standard-4", "spot");
        final double[] prices = {0.04, 0.04, 0.05, 0.05, 0.05, 0.04, 0.04};
        for (int i = 0; i < prices.length; i++)
        {
            series.add(1000L * (prices.length - i), key, prices[prices.length - 1 - i], 0, i + 2, -1);
        }
        final ImportSummary.Builder summary = new ImportSummary.Builder();

        final TraceTable table = series.build(0, true, summary);

        assertThat(table.rowCount()).isEqualTo(4);
        assertThat(new double[]{table.value(0), table.value(1), table.value(2), table.value(3)})
            .containsExactly(0.04, 0.05, 0.04, 0.04);
        assertThat(new long[]{table.timeNs(0), table.timeNs(1), table.timeNs(2), table.timeNs(3)})
            .containsExactly(1000L, 3000L, 6000L, 7000L);
        assertThat(summary.build("x", table.rowCount()).dropped(PriceSeries.REPEAT_REASON)).isEqualTo(3);
    }

    @Test
    void shouldReportDuplicateAtLaterRowNamingEarlierWhenKeyAndTimeRepeat()
    {
        final PriceSeries series = new PriceSeries("/Items");
        final int key = series.key("azure", "eastus", "", "Standard_D2s_v5", "spot");
        series.add(5, key, 0.02, 0, 10, 3);
        series.add(5, key, 0.03, 1, 20, 7);
        final ProblemCollector first = new ProblemCollector("page1.json");
        final ProblemCollector second = new ProblemCollector("page2.json");

        assertThat(series.reportDuplicates(List.of(first, second))).isTrue();

        assertThat(first.problems()).isEmpty();
        assertThat(second.problems()).singleElement().satisfies(problem ->
        {
            assertThat(problem.jsonPath()).isEqualTo("/Items/7");
            assertThat(problem.line()).isEqualTo(20);
            assertThat(problem.message()).contains("azure/eastus/Standard_D2s_v5/spot", "price 0.02",
                "page1.json:10 at /Items/3");
        });
    }

    @Test
    void shouldPreservePriceAtEveryInstantWhenCollapsingRandomSeries()
    {
        final SplittableRandom random = new SplittableRandom(99);
        for (int round = 0; round < 50; round++)
        {
            final PriceSeries collapsed = new PriceSeries(null);
            final PriceSeries full = new PriceSeries(null);
            final int keys = 1 + random.nextInt(4);
            final int rows = 1 + random.nextInt(60);
            for (int i = 0; i < rows; i++)
            {
                final int k = random.nextInt(keys);
                final double price = 0.01 * (1 + random.nextInt(3));
                final long time = i * 10L;
                collapsed.add(time, collapsed.key("p", "r" + k, "", "t", "spot"), price, 0, i, -1);
                full.add(time, full.key("p", "r" + k, "", "t", "spot"), price, 0, i, -1);
            }
            final TraceTable a = collapsed.build(0, true, new ImportSummary.Builder());
            final TraceTable b = full.build(0, false, new ImportSummary.Builder());
            for (long t = 0; t <= rows * 10L; t += 5)
            {
                for (int k = 0; k < b.keys().size(); k++)
                {
                    assertThat(Double.valueOf(priceAt(a, k, t))).as("round %d key %d time %d", round, k, t)
                        .isEqualTo(Double.valueOf(priceAt(b, k, t)));
                }
            }
            assertThat(lastTime(a)).isEqualTo(lastTime(b));
        }
    }

    private static double priceAt(final TraceTable table, final int key, final long time)
    {
        double price = Double.NaN;
        for (int row = 0; row < table.rowCount() && table.timeNs(row) <= time; row++)
        {
            if (table.keyId(row) == key)
            {
                price = table.value(row);
            }
        }
        return price;
    }

    private static long lastTime(final TraceTable table)
    {
        return table.rowCount() == 0 ? -1 : table.timeNs(table.rowCount() - 1);
    }
}

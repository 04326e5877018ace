package io.windtunnel.simulator.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CsvNumbersTest
{
    /** What timeseries.csv wrote with String.format before CsvNumbers; the reference it must keep. */
    private static String formatted(final double v)
    {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long)v) : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String appended(final CsvNumbers numbers, final double v)
    {
        final StringBuilder out = new StringBuilder("x");
        numbers.append(out, v);
        return out.substring(1);
    }

    @Test
    void shouldPrintWhatStringFormatPrintsWhenValuesAreRandom()
    {
        final CsvNumbers numbers = new CsvNumbers();
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 60_000; i++)
        {
            final double v;
            switch (i % 5)
            {
                case 0:
                    // any magnitude
                    v = Double.longBitsToDouble(random.nextLong());
                    break;
                case 1:
                    // the magnitudes of the series: utilizations, costs, latencies in ms, averages
                    v = (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-8, 17));
                    break;
                case 2:
                    // short decimals, which sit on rounding boundaries (x.xxxxx5) more often than random bits
                    v = random.nextLong(-10_000_000_000L, 10_000_000_000L) / Math.pow(10, random.nextInt(15));
                    break;
                case 3:
                    // ratios of counts, as utilization and means are
                    v = random.nextLong(1, 1_000_000) / (double)random.nextLong(1, 1_000_000);
                    break;
                default:
                    // just below a power of ten: rounding carries into a new digit
                    v = Math.pow(10, random.nextInt(-6, 14)) * (1 - random.nextDouble() * 1e-6);
                    break;
            }
            if (Double.isNaN(v))
            {
                continue;
            }
            assertThat(appended(numbers, v)).as("value %s", Double.toString(v)).isEqualTo(formatted(v));
        }
    }

    @Test
    void shouldPrintIntegersAndSpecialValuesAsBeforeWhenValuesAreEdgeCases()
    {
        final CsvNumbers numbers = new CsvNumbers();
        for (final double v : new double[] {0, -0.0, 1, -1, 0.5, 0.1, 1e-4, 9.999995e-5, 999999.5, 1e15, 1e15 + 2,
            999_999_999_999_999.0, 0.0001234565, 123456.5, 1.5e-310, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 2.5, 0.30000000000000004, 1.0 / 3})
        {
            assertThat(appended(numbers, v)).as("value %s", Double.toString(v)).isEqualTo(formatted(v));
        }
    }
}

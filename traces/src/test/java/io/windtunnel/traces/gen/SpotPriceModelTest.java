package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpotPriceModelTest
{
    private static final long DAY_NS = 86_400_000_000_000L;
    private static final long START_NS = 1_704_067_200_000_000_000L;

    @TempDir
    Path tempDir;

    @Test
    void shouldStayWithinZeroAndOnDemandForRandomParameters()
    {
        final SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 300; trial++)
        {
            final SpotPriceModel model = new SpotPriceModel(
                0.01 + 0.99 * random.nextDouble(), 0.05 + 10 * random.nextDouble(), 3 * random.nextDouble(),
                0.5 + 50 * random.nextDouble(), 5 * random.nextDouble(), 0.01 + 3 * random.nextDouble(),
                2 + random.nextInt(9));
            final double onDemand = 0.01 + 10 * random.nextDouble();
            final SpotPriceModel.Path path = model.simulate(onDemand, START_NS, START_NS + 10 * DAY_NS,
                new RandomStream(random.nextLong()));

            assertThat(path.timeNs()[0]).isEqualTo(START_NS);
            for (int i = 0; i < path.timeNs().length; i++)
            {
                assertThat(path.pricePerHourUsd()[i]).as("trial %d %s", trial, model)
                    .isGreaterThan(0).isLessThanOrEqualTo(onDemand);
                assertThat(path.timeNs()[i]).isLessThan(START_NS + 10 * DAY_NS);
                assertThat((path.timeNs()[i] - START_NS) % 1_000_000_000L).isZero();
                if (i > 0)
                {
                    assertThat(path.timeNs()[i]).isGreaterThan(path.timeNs()[i - 1]);
                    assertThat(path.pricePerHourUsd()[i]).isNotEqualTo(path.pricePerHourUsd()[i - 1]);
                }
            }
        }
    }

    @Test
    void shouldMatchOuMeanAndLagOneAutocorrelationWhenNoJumps()
    {
        final double theta = 2.0;
        final double nu = 6.0;
        final double sigma = 0.2;
        final SpotPriceModel model = new SpotPriceModel(0.3, theta, sigma, nu, 0, 0.5, 10);
        final SpotPriceModel.Path path = model.simulate(1.0, START_NS, START_NS + 2000 * DAY_NS, new RandomStream(5));

        final double[] prices = path.pricePerHourUsd();
        final int n = prices.length;
        final double[] y = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            y[i] = Math.log(prices[i]);
            mean += y[i];
        }
        mean /= n;
        double c0 = 0;
        double c1 = 0;
        for (int i = 0; i < n; i++)
        {
            c0 += (y[i] - mean) * (y[i] - mean);
            if (i + 1 < n)
            {
                c1 += (y[i] - mean) * (y[i + 1] - mean);
            }
        }
        final double rho = c1 / c0;
        // Quotes arrive at rate nu per day, about 12,000 here.
        assertThat(n).isBetween((int)(nu * 2000 * 0.95), (int)(nu * 2000 * 1.05));
        // The mean of an OU path over T days has SD sigma / (theta sqrt(T)).
        assertThat(mean).isCloseTo(Math.log(0.3), within(4 * sigma / theta / Math.sqrt(2000)));
        // Stationary variance sigma^2 / (2 theta); lag-1 autocorrelation E[exp(-theta D)] = nu / (nu + theta).
        assertThat(c0 / n).isCloseTo(sigma * sigma / (2 * theta), within(0.1 * sigma * sigma / (2 * theta)));
        assertThat(rho).isCloseTo(nu / (nu + theta), within(0.02));
    }

    @Test
    void shouldRaiseMeanByJumpContributionWhenJumpsOccur()
    {
        final SpotPriceModel model = new SpotPriceModel(0.2, 2.0, 0.1, 4, 1.0, 0.3, 10);
        final SpotPriceModel.Path path = model.simulate(1.0, START_NS, START_NS + 3000 * DAY_NS, new RandomStream(8));

        // Time-weighted mean of log price (the process value between quotes).
        double weighted = 0;
        final long[] t = path.timeNs();
        for (int i = 0; i + 1 < t.length; i++)
        {
            weighted += Math.log(path.pricePerHourUsd()[i]) * (t[i + 1] - t[i]);
        }
        weighted /= t[t.length - 1] - t[0];
        // Jumps add lambdaJ m / theta = 0.15 to the mean of X, and quotes hold post-event values: q m = 0.2 * 0.3
        // more (the cap at 1 is far away: exp(X) stays near 0.25). SE of the mean is about 0.004.
        assertThat(model.stationaryLogMean()).isCloseTo(Math.log(0.2) + 0.15, within(1e-12));
        assertThat(model.quotedLogMean()).isCloseTo(Math.log(0.2) + 0.15 + 0.06, within(1e-12));
        assertThat(weighted).isCloseTo(model.quotedLogMean(), within(0.02));
    }

    @Test
    void shouldRoundToDecimalsAndCapAtOnDemandWhenSpotIsNearOnDemand()
    {
        final SpotPriceModel model = new SpotPriceModel(0.95, 1.0, 0.5, 24, 0, 0.5, 3);
        final SpotPriceModel.Path path = model.simulate(0.0971, START_NS, START_NS + 30 * DAY_NS,
            new RandomStream(3));

        boolean capped = false;
        for (final double price : path.pricePerHourUsd())
        {
            assertThat(price).isLessThanOrEqualTo(0.0971);
            capped |= price == 0.0971;
            if (price != 0.0971)
            {
                assertThat(price * 1000).isCloseTo(Math.rint(price * 1000), within(1e-9));
            }
        }
        assertThat(capped).isTrue();
    }

    @Test
    void shouldWriteOnDemandAndSpotKeysPerEntryWhenGeneratingPrices()
    {
        final List<OnDemandCatalog.Entry> entries = OnDemandCatalog.builtIn().select(List.of("aws"), List.of(),
            List.of("m5.large"));
        final TraceTable table = PriceTraceGenerator.generate(entries, EnumSet.allOf(Market.class),
            SpotPriceModel.defaults(), START_NS, START_NS + 2 * DAY_NS, 1);

        assertThat(table.kind()).isEqualTo(TraceKind.PRICE);
        assertThat(table.keys().size()).isEqualTo(4);
        assertThat(table.keys().fields(0)).containsExactly("aws", "us-east-1", "", "m5.large", "on-demand");
        assertThat(table.keys().fields(1)).containsExactly("aws", "us-east-1", "", "m5.large", "spot");
        int onDemandRows = 0;
        for (int row = 0; row < table.rowCount(); row++)
        {
            if (row > 0)
            {
                assertThat(table.timeNs(row)).isGreaterThanOrEqualTo(table.timeNs(row - 1));
            }
            final String[] key = table.keys().fields(table.keyId(row));
            final double onDemand = OnDemandCatalog.builtIn().pricePerHourUsd(key[0], key[1], key[3]);
            if (key[4].equals("on-demand"))
            {
                onDemandRows++;
                assertThat(table.value(row)).isEqualTo(onDemand);
                assertThat(table.timeNs(row)).isEqualTo(START_NS);
            }
            else
            {
                assertThat(table.value(row)).isGreaterThan(0).isLessThanOrEqualTo(onDemand);
            }
        }
        assertThat(onDemandRows).isEqualTo(2);
        // About 4.1 quotes a day for 2 days per spot key.
        assertThat(table.rowCount() - 2).isBetween(4, 40);
    }

    @Test
    void shouldKeepKeySeriesWhenOtherKeysAreAddedAndDifferBySeed()
    {
        final SpotPriceModel model = SpotPriceModel.defaults();
        final long endNs = START_NS + 5 * DAY_NS;
        final TraceTable one = PriceTraceGenerator.generate(OnDemandCatalog.builtIn().select(List.of("gcp"),
            List.of("us-central1"), List.of("n2-standard-2")), EnumSet.of(Market.SPOT), model, START_NS, endNs, 4);
        final TraceTable all = PriceTraceGenerator.generate(OnDemandCatalog.builtIn().entries(),
            EnumSet.of(Market.SPOT), model, START_NS, endNs, 4);
        final TraceTable again = PriceTraceGenerator.generate(OnDemandCatalog.builtIn().entries(),
            EnumSet.of(Market.SPOT), model, START_NS, endNs, 4);
        final TraceTable otherSeed = PriceTraceGenerator.generate(OnDemandCatalog.builtIn().entries(),
            EnumSet.of(Market.SPOT), model, START_NS, endNs, 5);

        assertThat(all).isEqualTo(again).isNotEqualTo(otherSeed);
        final int key = all.keys().find("gcp", "us-central1", "", "n2-standard-2", "spot");
        int i = 0;
        for (int row = 0; row < all.rowCount(); row++)
        {
            if (all.keyId(row) == key)
            {
                assertThat(all.timeNs(row)).isEqualTo(one.timeNs(i));
                assertThat(all.value(row)).isEqualTo(one.value(i));
                i++;
            }
        }
        assertThat(i).isEqualTo(one.rowCount());
    }

    @Test
    void shouldReadUserCatalogAndReportEveryProblemWhenCsvIsWrong() throws IOException, TraceFormatException
    {
        final Path good = tempDir.resolve("catalog.csv");
        Files.writeString(good, "# my prices\nprovider,region,instance_type,price_per_hour_usd\n" +
            "aws,us-east-1,c5.large,0.085\nacme,moon-1,big,1.5\n");
        final OnDemandCatalog catalog = OnDemandCatalog.read(good);
        assertThat(catalog.entries()).containsExactly(new OnDemandCatalog.Entry("aws", "us-east-1", "c5.large", 0.085),
            new OnDemandCatalog.Entry("acme", "moon-1", "big", 1.5));

        final Path bad = tempDir.resolve("bad.csv");
        Files.writeString(bad, "provider,region,instance_type,price_per_hour_usd\n" +
            "aws,us-east-1,c5.large,cheap\n,us-east-1,c5.large,0.1\naws,us-east-1,m5.large,-1\n" +
            "aws,eu-west-1,m5.large,0.1\naws,eu-west-1,m5.large,0.2\n");
        assertThatThrownBy(() -> OnDemandCatalog.read(bad)).isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("bad.csv:2: field 'price_per_hour_usd': 'cheap' is not a positive price")
            .hasMessageContaining("bad.csv:3: field 'provider': empty")
            .hasMessageContaining("bad.csv:4: field 'price_per_hour_usd': '-1'")
            .hasMessageContaining("bad.csv:6: aws/eu-west-1/m5.large is listed twice");

        final Path noColumn = tempDir.resolve("nocol.csv");
        Files.writeString(noColumn, "provider,region,type,price\naws,us-east-1,m5.large,0.1\n");
        assertThatThrownBy(() -> OnDemandCatalog.read(noColumn))
            .hasMessageContaining("field 'instance_type': missing column");
    }

    @Test
    void shouldGiveEachZoneOfACatalogItsOwnSpotSeriesAndKeepRegionWideSeriesUnchanged()
        throws IOException, TraceFormatException
    {
        final Path file = tempDir.resolve("zones.csv");
        Files.writeString(file, "provider,zone,region,instance_type,price_per_hour_usd\n" +
            "aws,us-east-1a,us-east-1,m5.large,0.096\naws,us-east-1b,us-east-1,m5.large,0.096\n" +
            "aws,,us-east-1,m5.xlarge,0.192\n");
        final OnDemandCatalog catalog = OnDemandCatalog.read(file);
        assertThat(catalog.entries()).extracting(OnDemandCatalog.Entry::zone)
            .containsExactly("us-east-1a", "us-east-1b", "");
        assertThat(catalog.select(List.of(), List.of(), List.of("us-east-1b"), List.of()))
            .extracting(OnDemandCatalog.Entry::describe).containsExactly("aws/us-east-1/us-east-1b/m5.large");

        final TraceTable table = PriceTraceGenerator.generate(catalog.entries(), EnumSet.allOf(Market.class),
            SpotPriceModel.defaults(), START_NS, START_NS + 2 * DAY_NS, 5);
        final int a = table.keys().find("aws", "us-east-1", "us-east-1a", "m5.large", "spot");
        final int b = table.keys().find("aws", "us-east-1", "us-east-1b", "m5.large", "spot");
        assertThat(a).isNotNegative();
        assertThat(b).isNotNegative();
        assertThat(table.keys().find("aws", "us-east-1", "us-east-1a", "m5.large", "on-demand")).isNotNegative();
        // Two zones of one type draw independent paths: their first prices differ.
        assertThat(series(table, a).get(1)).isNotEqualTo(series(table, b).get(1));
        // A region-wide entry keeps the stream it had before zones: the same series as from the built-in catalog.
        final TraceTable regionWide = PriceTraceGenerator.generate(
            OnDemandCatalog.builtIn().select(List.of("aws"), List.of("us-east-1"), List.of("m5.xlarge")),
            EnumSet.of(Market.SPOT), SpotPriceModel.defaults(), START_NS, START_NS + 2 * DAY_NS, 5);
        final int x = table.keys().find("aws", "us-east-1", "", "m5.xlarge", "spot");
        final int y = regionWide.keys().find("aws", "us-east-1", "", "m5.xlarge", "spot");
        assertThat(series(table, x)).hasSizeGreaterThan(2).isEqualTo(series(regionWide, y));
    }

    /** The key's rows as (time ns, price) pairs, flattened. */
    private static List<Double> series(final TraceTable table, final int keyId)
    {
        final List<Double> out = new java.util.ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++)
        {
            if (table.keyId(row) == keyId)
            {
                out.add((double)table.timeNs(row));
                out.add(table.value(row));
            }
        }
        return out;
    }

    @Test
    void shouldRejectBadParametersWithClearMessages()
    {
        assertThatThrownBy(() -> new SpotPriceModel(1.5, 1, 0.1, 4, 0, 0.5, 4)).hasMessageContaining("ratio");
        assertThatThrownBy(() -> new SpotPriceModel(0.3, 0, 0.1, 4, 0, 0.5, 4)).hasMessageContaining("reversion");
        assertThatThrownBy(() -> new SpotPriceModel(0.3, 1, -0.1, 4, 0, 0.5, 4)).hasMessageContaining("volatility");
        assertThatThrownBy(() -> new SpotPriceModel(0.3, 1, 0.1, 0, 0, 0.5, 4)).hasMessageContaining("changes");
        assertThatThrownBy(() -> new SpotPriceModel(0.3, 1, 0.1, 4, 0, 0.5, 1)).hasMessageContaining("decimals");
        assertThatThrownBy(() -> OnDemandCatalog.of(List.of(new OnDemandCatalog.Entry("a", "r", "t", 1),
            new OnDemandCatalog.Entry("a", "r", "t", 2)))).hasMessageContaining("lists a/r/t twice");
        assertThatThrownBy(() -> OnDemandCatalog.of(List.of(new OnDemandCatalog.Entry("a", "r", "t", 0))))
            .hasMessageContaining("must be positive");
        assertThat(OnDemandCatalog.of(List.of(new OnDemandCatalog.Entry("a", "r", "t", 1))).entries()).hasSize(1);
        assertThatThrownBy(() -> OnDemandCatalog.builtIn().select(List.of("oracle"), List.of(), List.of()))
            .hasMessageContaining("no catalog entry matches providers [oracle]");
        assertThatThrownBy(() -> SpotPriceModel.defaults().simulate(0.00001, START_NS, START_NS + DAY_NS,
            new RandomStream(1))).hasMessageContaining("below one unit");
        assertThatThrownBy(() -> new SpotPriceModel(0.3, 1, 0.1, 1e9, 0, 0.5, 4).simulate(1.0, START_NS,
            START_NS + DAY_NS, new RandomStream(1))).hasMessageContaining("spot prices would take about 1.00e+09 rows");
    }
}

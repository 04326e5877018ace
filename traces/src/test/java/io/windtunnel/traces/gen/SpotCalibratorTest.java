package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceTable;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpotCalibratorTest
{
    private static final long DAY_NS = 86_400_000_000_000L;
    private static final long START_NS = 1_704_067_200_000_000_000L;

    @Test
    void shouldRecoverParametersWhenCalibratingOnLongGeneratedSeries()
    {
        final SpotPriceModel truth = new SpotPriceModel(0.3, 1.0, 0.15, 4.0, 0.2, 0.5, 10);
        final SpotPriceModel.Path path = truth.simulate(0.2, START_NS, START_NS + 1000 * DAY_NS, new RandomStream(42));

        final SpotCalibrator.Calibration fit = SpotCalibrator.calibrate(path.timeNs(), path.pricePerHourUsd(), 0.2);
        final SpotPriceModel model = fit.model();

        assertThat(fit.quotes()).isEqualTo(path.timeNs().length);
        assertThat(fit.spanDays()).isCloseTo(1000, within(1.0));
        // Within about 4 standard errors over T = 1000 days: theta sqrt(2 theta / T), mu sigma / (theta sqrt(T))
        // (plus the jumps' share), jump rate sqrt(lambdaJ T) / T, jump mean m / sqrt(lambdaJ T).
        final double jumps = 0.2 * 1000;
        assertThat(model.reversionPerDay()).isCloseTo(1.0, within(4 * Math.sqrt(2 * 1.0 / 1000)));
        assertThat(Math.log(model.meanRatio())).isCloseTo(Math.log(0.3), within(0.03));
        assertThat(model.volatilityPerSqrtDay()).isCloseTo(0.15, within(0.015));
        assertThat(model.changesPerDay()).isCloseTo(4.0, within(4 * Math.sqrt(4.0 * 1000) / 1000));
        assertThat(model.jumpsPerDay()).isCloseTo(0.2, within(4 * Math.sqrt(jumps) / 1000));
        assertThat(model.jumpMeanLog()).isCloseTo(0.5, within(4 * 0.5 / Math.sqrt(jumps)));
        assertThat(model.decimals()).isEqualTo(10);
    }

    @Test
    void shouldRecoverParametersWhenPricesAreRoundedToFourDecimals()
    {
        final SpotPriceModel truth = new SpotPriceModel(0.4, 0.5, 0.2, 6.0, 0.1, 0.6, 4);
        final List<OnDemandCatalog.Entry> entry = OnDemandCatalog.builtIn().select(List.of("aws"),
            List.of("us-east-1"), List.of("m5.xlarge"));
        final TraceTable prices = PriceTraceGenerator.generate(entry, EnumSet.allOf(Market.class), truth,
            START_NS, START_NS + 1500 * DAY_NS, 9);
        final int spotKey = prices.keys().find("aws", "us-east-1", "", "m5.xlarge", "spot");

        final SpotPriceModel model = SpotCalibrator.calibrate(prices, spotKey, Double.NaN).model();

        assertThat(SpotCalibrator.onDemandFor(prices, spotKey)).isEqualTo(0.192);
        assertThat(model.reversionPerDay()).isCloseTo(0.5, within(0.12));
        assertThat(Math.log(model.meanRatio())).isCloseTo(Math.log(0.4), within(0.06));
        assertThat(model.volatilityPerSqrtDay()).isCloseTo(0.2, within(0.03));
        assertThat(model.jumpsPerDay()).isCloseTo(0.1, within(0.04));
        assertThat(model.decimals()).isEqualTo(4);
    }

    @Test
    void shouldFindFewJumpsWhenSeriesHasNone()
    {
        final SpotPriceModel truth = new SpotPriceModel(0.5, 2.0, 0.3, 8.0, 0, 0.5, 10);
        final SpotPriceModel.Path path = truth.simulate(1.0, START_NS, START_NS + 500 * DAY_NS, new RandomStream(1));

        final SpotPriceModel model = SpotCalibrator.calibrate(path.timeNs(), path.pricePerHourUsd(), 1.0).model();

        assertThat(model.jumpsPerDay()).isLessThan(0.05);
        assertThat(model.reversionPerDay()).isCloseTo(2.0, within(0.4));
        assertThat(model.volatilityPerSqrtDay()).isCloseTo(0.3, within(0.03));
    }

    @Test
    void shouldApproximateLogErfcAndLogNormalCdfClosely()
    {
        for (double x = 0; x < 5; x += 0.01)
        {
            final double exact = Math.log(Erf.erfc(x));
            assertThat(SpotCalibrator.logErfcNonNegative(x)).as("x=%f", x).isCloseTo(exact, within(2e-7));
        }
        for (double z = -8; z < 8; z += 0.01)
        {
            final double exact = Math.log(0.5 * Erf.erfc(-z / Math.sqrt(2)));
            assertThat(SpotCalibrator.logNormalCdf(z)).as("z=%f", z).isCloseTo(exact, within(2e-7));
        }
        // Far in the lower tail erfc underflows, the approximation does not: log Phi(-40) ~ -800 - log(40 sqrt(2 pi)).
        assertThat(SpotCalibrator.logNormalCdf(-40)).isCloseTo(-800 - Math.log(40 * Math.sqrt(2 * Math.PI)),
            within(1e-3));
    }

    @Test
    void shouldRejectSeriesItCannotCalibrateOn()
    {
        final long[] times = new long[10];
        final double[] prices = new double[10];
        for (int i = 0; i < 10; i++)
        {
            times[i] = START_NS + i * DAY_NS;
            prices[i] = 0.05;
        }
        assertThatThrownBy(() -> SpotCalibrator.calibrate(times, prices, 0.1))
            .isInstanceOf(GeneratorParameterException.class).hasMessageContaining("at least 30");

        final SpotPriceModel.Path path = SpotPriceModel.defaults().simulate(0.1, START_NS, START_NS + 30 * DAY_NS,
            new RandomStream(2));
        final double[] broken = path.pricePerHourUsd().clone();
        broken[5] = 0;
        assertThatThrownBy(() -> SpotCalibrator.calibrate(path.timeNs(), broken, 0.1))
            .hasMessageContaining("is not positive");

        final TraceTable spotOnly = PriceTraceGenerator.generate(OnDemandCatalog.builtIn().entries().subList(0, 1),
            EnumSet.of(Market.SPOT), SpotPriceModel.defaults(), START_NS, START_NS + 30 * DAY_NS, 1);
        assertThatThrownBy(() -> SpotCalibrator.calibrate(spotOnly, 0, Double.NaN))
            .hasMessageContaining("no on-demand price for aws/us-east-1/m5.large/spot");
    }
}

package io.windtunnel.cli.check;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateTest
{
    @Test
    void shouldParseEveryToleranceFormAndRefuseOthers()
    {
        assertThat(Tolerance.parse("2%")).isEqualTo(new Tolerance(Tolerance.Kind.RELATIVE, 0.02));
        assertThat(Tolerance.parse(" 0.5 ")).isEqualTo(new Tolerance(Tolerance.Kind.ABSOLUTE, 0.5));
        assertThat(Tolerance.parse("CI").kind()).isEqualTo(Tolerance.Kind.CI);
        assertThat(Tolerance.parse("exact").kind()).isEqualTo(Tolerance.Kind.EXACT);
        assertThat(Tolerance.parse("2%").toString()).isEqualTo("2%");
        assertThatThrownBy(() -> Tolerance.parse("two")).hasMessageContaining("is not a tolerance");
        assertThatThrownBy(() -> Tolerance.parse("-1%")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Tolerance.parse("NaN")).hasMessageContaining("is not a tolerance");
        assertThatThrownBy(() -> Tolerance.parse("1e400")).hasMessageContaining("out of range");
    }

    @Test
    void shouldComputeTheAllowedMovementOfEachRule()
    {
        assertThat(Tolerance.parse("10%").allowed(-50, 1, 1)).isEqualTo(5.0);
        assertThat(Tolerance.parse("3").allowed(50, 1, 1)).isEqualTo(3.0);
        assertThat(Tolerance.parse("ci").allowed(50, 3, 4)).isEqualTo(5.0);
        assertThat(Tolerance.parse("exact").allowed(50, 3, 4)).isEqualTo(0.0);
    }

    @Test
    void shouldRoundToTheBaselinePrecisionSoThatARereadValueIsTheSame()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++)
        {
            final double value = Double.longBitsToDouble(random.nextLong()) ;
            if (!Double.isFinite(value))
            {
                continue;
            }
            final double rounded = Baseline.round(value);
            assertThat(Baseline.round(rounded)).isEqualTo(rounded);
            assertThat(Double.parseDouble(new java.math.BigDecimal(rounded).round(new java.math.MathContext(12))
                .stripTrailingZeros().toPlainString())).isEqualTo(rounded);
            if (value != 0)
            {
                assertThat(Math.abs(rounded - value) / Math.abs(value)).isLessThanOrEqualTo(5e-12);
            }
        }
    }

    @Test
    void shouldKnowWhichWayEachMetricGetsWorse()
    {
        assertThat(GatedMetric.COST.worsening(1, 2)).isPositive();
        assertThat(GatedMetric.P99.worsening(10, 9)).isNegative();
        assertThat(GatedMetric.AVAILABILITY_TIME.worsening(0.99, 0.98)).isPositive();
        assertThat(GatedMetric.AVAILABILITY_REQUESTS.worsening(0.98, 0.99)).isNegative();
        assertThat(GatedMetric.ofKey("latency.p99_ms")).isEqualTo(GatedMetric.P99);
        assertThat(GatedMetric.ofKey("latency.p98_ms")).isNull();
    }
}

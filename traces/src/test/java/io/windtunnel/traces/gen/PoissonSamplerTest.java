package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PoissonSamplerTest
{
    @Test
    void shouldMatchMeanAndVarianceAcrossSmallAndLargeMeans()
    {
        for (final double mean : new double[] {0.3, 7, 45, 5_000, 3e7})
        {
            final PoissonSampler sampler = new PoissonSampler(new RandomStream(11));
            final int n = 5_000;
            double sum = 0;
            double sumSquares = 0;
            for (int i = 0; i < n; i++)
            {
                final long count = sampler.sample(mean);
                assertThat(count).isNotNegative();
                sum += count;
                sumSquares += (double)count * count;
            }
            final double sampleMean = sum / n;
            final double sampleVariance = sumSquares / n - sampleMean * sampleMean;
            assertThat(sampleMean).as("mean %s", mean).isCloseTo(mean, within(4 * Math.sqrt(mean / n)));
            // Var(s^2) = (mu4 - sigma^4) / n = (lambda + 2 lambda^2) / n for a Poisson law.
            assertThat(sampleVariance / mean).as("dispersion at %s", mean)
                .isCloseTo(1.0, within(4 * Math.sqrt((2 + 1 / mean) / n)));
        }
    }

    @Test
    void shouldReturnZeroForZeroMeanAndRejectInvalidMeans()
    {
        final PoissonSampler sampler = new PoissonSampler(new RandomStream(1));

        assertThat(sampler.sample(0)).isZero();
        for (final double bad : List.of(-1.0, Double.NaN, Double.POSITIVE_INFINITY))
        {
            assertThatThrownBy(() -> sampler.sample(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldDrawFromTheStreamAndRestartWhenReseeded()
    {
        final StreamRandomGenerator adapter = new StreamRandomGenerator(new RandomStream(5));
        final RandomStream reference = new RandomStream(5);
        assertThat(adapter.nextLong()).isEqualTo(reference.nextLong());
        assertThat(adapter.nextDouble()).isEqualTo(reference.nextDouble());
        assertThat(adapter.nextInt(10)).isEqualTo(reference.nextInt(10));

        adapter.setSeed(99L);
        assertThat(adapter.nextLong()).isEqualTo(new RandomStream(99).nextLong());
        adapter.setSeed(7);
        assertThat(adapter.nextLong()).isEqualTo(new RandomStream(7).nextLong());
        adapter.setSeed(new int[] {1, 2});
        final long first = adapter.nextLong();
        adapter.setSeed(new int[] {1, 2});
        assertThat(adapter.nextLong()).isEqualTo(first);
    }
}

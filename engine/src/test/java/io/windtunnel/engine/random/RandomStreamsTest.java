package io.windtunnel.engine.random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RandomStreamsTest
{
    @Test
    void shouldGiveEqualSequencesForEqualSeedAndName()
    {
        final RandomStream a = new RandomStreams(42).stream("arrivals");
        final RandomStream b = new RandomStreams(42).stream("arrivals");
        for (int i = 0; i < 1000; i++)
        {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void shouldNotShiftOneComponentsStreamWhenOthersAreCreated()
    {
        final RandomStreams streams = new RandomStreams(42);
        final long expected = streams.stream("service", 3).nextLong();
        final RandomStreams other = new RandomStreams(42);
        other.stream("arrivals").nextLong();
        other.stream("policy-extra").nextLong();
        assertThat(other.stream("service", 3).nextLong()).isEqualTo(expected);
    }

    @Test
    void shouldSeparateNamesIndexesSeedsAndReplications()
    {
        final RandomStreams streams = new RandomStreams(42);
        final long base = streams.stream("service", 0).nextLong();
        assertThat(streams.stream("service", 1).nextLong()).isNotEqualTo(base);
        assertThat(streams.stream("servicf", 0).nextLong()).isNotEqualTo(base);
        assertThat(new RandomStreams(43).stream("service", 0).nextLong()).isNotEqualTo(base);
        assertThat(streams.forReplication(0).stream("service", 0).nextLong()).isNotEqualTo(base);
        assertThat(streams.forReplication(0).stream("service").nextLong())
            .isEqualTo(new RandomStreams(42).forReplication(0).stream("service").nextLong())
            .isNotEqualTo(streams.forReplication(1).stream("service").nextLong());
    }

    @Test
    void shouldMatchDistributionMomentsWithinTolerance()
    {
        final RandomStream random = new RandomStreams(7).stream("moments");
        final int n = 1_000_000;
        double uniformSum = 0;
        double expSum = 0;
        double expSquares = 0;
        double logSum = 0;
        double gaussianSum = 0;
        double gaussianSquares = 0;
        for (int i = 0; i < n; i++)
        {
            final double u = random.nextDouble();
            assertThat(u).isGreaterThanOrEqualTo(0).isLessThan(1);
            uniformSum += u;
            final double e = random.exponential(2.0);
            expSum += e;
            expSquares += e * e;
            logSum += random.lognormal(0.0, 0.5);
            final double g = random.normal(1.0, 3.0);
            gaussianSum += g;
            gaussianSquares += g * g;
        }
        assertThat(uniformSum / n).isCloseTo(0.5, within(0.003));
        assertThat(expSum / n).isCloseTo(2.0, within(0.01));
        assertThat(expSquares / n - Math.pow(expSum / n, 2)).isCloseTo(4.0, within(0.05));
        assertThat(logSum / n).isCloseTo(Math.exp(0.125), within(0.005));
        assertThat(gaussianSum / n).isCloseTo(1.0, within(0.01));
        assertThat(gaussianSquares / n - Math.pow(gaussianSum / n, 2)).isCloseTo(9.0, within(0.05));
    }

    @Test
    void shouldDrawBoundedIntsUniformly()
    {
        final RandomStream random = new RandomStream(1);
        final int bound = 7;
        final int[] counts = new int[bound];
        final int n = 700_000;
        for (int i = 0; i < n; i++)
        {
            counts[random.nextInt(bound)]++;
        }
        double chiSquare = 0;
        for (final int count : counts)
        {
            chiSquare += Math.pow(count - n / (double)bound, 2) / (n / (double)bound);
        }
        // 6 degrees of freedom: P(chi2 > 22.46) = 0.001.
        assertThat(chiSquare).isLessThan(22.46);
    }

    @Test
    void shouldRoundExponentialNanosecondsToTheMean()
    {
        final RandomStream random = new RandomStream(5);
        long sum = 0;
        final int n = 500_000;
        for (int i = 0; i < n; i++)
        {
            final long delay = random.exponentialNs(1_000_000);
            assertThat(delay).isNotNegative();
            sum += delay;
        }
        assertThat(sum / (double)n).isCloseTo(1_000_000, within(5_000.0));
    }
}

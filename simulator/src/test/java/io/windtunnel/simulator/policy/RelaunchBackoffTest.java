package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RelaunchBackoffTest
{
    private static final double SECOND = 1e9;

    private static RelaunchBackoff skyPilot()
    {
        return new RelaunchBackoff(60 * SECOND, 1.6, 0.4, 5);
    }

    @Test
    void shouldGrowBy1Point6AndStopAtFiveInitialGapsWhenThereIsNoJitter()
    {
        final RelaunchBackoff backoff = new RelaunchBackoff(60 * SECOND, 1.6, 0, 5);
        final RandomStream random = new RandomStream(1);
        final double[] expectedSeconds = {60, 96, 153.6, 245.76, 300, 300, 300};
        for (final double expected : expectedSeconds)
        {
            assertThat(backoff.nextGapNs(random) / SECOND).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void shouldJitterEachGapWithin40PercentOfTheCappedPreviousGapTimes1Point6WhenSeeded()
    {
        final RandomStream seeds = new RandomStream(41);
        boolean capped = false;
        boolean outsideUncompoundedBand = false;
        for (int run = 0; run < 200; run++)
        {
            final RelaunchBackoff backoff = skyPilot();
            final RandomStream random = new RandomStream(seeds.nextLong());
            double previous = backoff.nextGapNs(random) / SECOND;
            assertThat(previous).isBetween(36.0, 84.0);
            for (int k = 1; k < 20; k++)
            {
                final double gap = backoff.nextGapNs(random) / SECOND;
                // SkyPilot multiplies the jittered gap, caps at 300 s before the jitter, then jitters again.
                final double base = Math.min(previous * 1.6, 300);
                assertThat(gap).isBetween(base * 0.6 - 1e-9, base * 1.4 + 1e-9);
                assertThat(gap).isLessThanOrEqualTo(420.0);
                capped |= base == 300;
                final double uncompounded = 60 * Math.pow(1.6, k);
                outsideUncompoundedBand |= uncompounded < 300 &&
                    (gap < uncompounded * 0.6 || gap > uncompounded * 1.4);
                previous = gap;
            }
        }
        assertThat(capped).as("some gaps reach the cap").isTrue();
        // The jitter compounds: 60 s x 1.6^k x [0.6, 1.4] is not a bound on gap k.
        assertThat(outsideUncompoundedBand).isTrue();
    }

    @Test
    void shouldDrawTheSameGapsFromTheSameSeedAndStartAgainAfterReset()
    {
        final List<Double> first = gaps(skyPilot(), new RandomStream(5), 8);
        assertThat(gaps(skyPilot(), new RandomStream(5), 8)).isEqualTo(first);
        assertThat(gaps(skyPilot(), new RandomStream(6), 8)).isNotEqualTo(first);

        final RelaunchBackoff backoff = skyPilot();
        final RandomStream random = new RandomStream(9);
        gaps(backoff, random, 6);
        backoff.reset();
        assertThat(backoff.nextGapNs(random) / SECOND).isBetween(36.0, 84.0);
    }

    private static List<Double> gaps(final RelaunchBackoff backoff, final RandomStream random, final int count)
    {
        final List<Double> gaps = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            gaps.add(backoff.nextGapNs(random));
        }
        return gaps;
    }
}

package io.windtunnel.cli.bench;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RatiosTest
{
    @RepeatedTest(20)
    void shouldDivideSubjectSpeedByBaselineSpeedForEachParameterWhenBothWereMeasured(final RepetitionInfo info)
    {
        final SplittableRandom random = new SplittableRandom(1000 + info.getCurrentRepetition());
        final Map<String, Measurement> m = new TreeMap<>();
        final Map<String, Double> expected = new TreeMap<>();
        for (final String pending : new String[] {"1000", "100000", "1000000"})
        {
            final double engine = 1 + random.nextDouble() * 30;
            final double pq = 0.1 + random.nextDouble() * 10;
            final double heap = 0.1 + random.nextDouble() * 20;
            put(m, "HoldBenchmark.engine(pending=" + pending + ")", "thrpt", engine);
            put(m, "HoldBenchmark.priorityQueue(pending=" + pending + ")", "thrpt", pq);
            if (random.nextBoolean())
            {
                put(m, "HoldBenchmark.binaryHeap(pending=" + pending + ")", "thrpt", heap);
                expected.put("hold: engine / binary heap (pending=" + pending + ")", engine / heap);
            }
            expected.put("hold: engine / PriorityQueue (pending=" + pending + ")", engine / pq);
        }
        final double sim = 1e6 + random.nextDouble() * 5e6;
        final double bare = 1e6 + random.nextDouble() * 1e7;
        put(m, "SimulatorBenchmark.simulateOneSecond(ratePerSec=2000)", "thrpt", sim);
        put(m, "BareMmcBenchmark.simulateOneSecond(ratePerSec=2000)", "thrpt", bare);
        expected.put("request path / bare M/M/c (ratePerSec=2000)", sim / bare);
        // Times per operation: the faster one has the smaller score.
        final double simplexUs = 10 + random.nextDouble() * 1000;
        final double greedyUs = 0.5 + random.nextDouble() * 10;
        put(m, "LpPlacementBenchmark.simplex(offers=100)", "avgt", simplexUs);
        put(m, "LpPlacementBenchmark.greedy(offers=100)", "avgt", greedyUs);
        put(m, "LpPlacementBenchmark.simplex(offers=1000)", "avgt", simplexUs);
        expected.put("LP placement: Simplex / greedy (offers=100)", greedyUs / simplexUs);
        put(m, "TraceReplayBenchmark.binaryReplay", "thrpt", 1e8);
        put(m, "TraceReplayBenchmark.csvParse", "thrpt", 8e5);
        expected.put("trace decode: binary / CSV", 125.0);

        final Map<String, Ratios.Ratio> ratios = Ratios.compute(m);

        assertThat(ratios.keySet()).containsExactlyElementsOf(expected.keySet());
        for (final Map.Entry<String, Double> e : expected.entrySet())
        {
            assertThat(ratios.get(e.getKey()).value()).as(e.getKey()).isCloseTo(e.getValue(), within(1e-9 * e.getValue()));
        }
    }

    @Test
    void shouldNotMistakeAMethodWithALongerNameForTheSubject()
    {
        final Map<String, Measurement> m = new TreeMap<>();
        put(m, "HoldBenchmark.engineOther(pending=1000)", "thrpt", 5);
        put(m, "HoldBenchmark.priorityQueue(pending=1000)", "thrpt", 1);

        assertThat(Ratios.compute(m)).isEmpty();
    }

    @Test
    void shouldTakeTheRequestPathRatioAtRoundRobinAndEachBalancerAgainstRoundRobinFromTheSameRun()
    {
        final Map<String, Measurement> m = new TreeMap<>();
        put(m, "SimulatorBenchmark.simulateOneSecond(balancer=round-robin,ratePerSec=2000)", "thrpt", 4e6);
        put(m, "SimulatorBenchmark.simulateOneSecond(balancer=power-of-two-choices,ratePerSec=2000)", "thrpt", 3.8e6);
        put(m, "SimulatorBenchmark.simulateOneSecond(balancer=peak-ewma,ratePerSec=2000)", "thrpt", 3e6);
        put(m, "BareMmcBenchmark.simulateOneSecond(ratePerSec=2000)", "thrpt", 8e6);

        final Map<String, Ratios.Ratio> ratios = Ratios.compute(m);

        assertThat(ratios.keySet()).containsExactly(
            "request path / bare M/M/c (ratePerSec=2000)",
            "request path: peak-ewma / round-robin (ratePerSec=2000)",
            "request path: power-of-two-choices / round-robin (ratePerSec=2000)");
        assertThat(ratios.get("request path / bare M/M/c (ratePerSec=2000)").value()).isEqualTo(0.5);
        assertThat(ratios.get("request path: power-of-two-choices / round-robin (ratePerSec=2000)").value())
            .isCloseTo(0.95, within(1e-12));
        assertThat(ratios.get("request path: peak-ewma / round-robin (ratePerSec=2000)").value())
            .isCloseTo(0.75, within(1e-12));
    }

    private static void put(final Map<String, Measurement> m, final String key, final String mode, final double score)
    {
        m.put(key, new Measurement(key, mode, score, Double.NaN, "x", 0));
    }
}

package io.windtunnel.bench.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.runner.HlogSpool;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What spooling {@code latency.hlog} costs inside a run: the first stack's first replication of a scenario, run
 * alternately without an interval sink and with an {@link HlogSpool} to a file (every interval's histograms encoded,
 * compressed and written as they close), in one JVM, timed in thread CPU time (the machine is shared; CPU time is
 * less disturbed by other processes than wall time). Prints the medians and the spool's share of the run.
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar io.windtunnel.bench.simulator.IntervalSpoolCost \
 *     bench/scenarios/results-cost.yaml 5
 * </pre>
 */
public final class IntervalSpoolCost
{
    private IntervalSpoolCost()
    {
    }

    /**
     * @param args scenario file, rounds (each round runs both variants once; default 5).
     * @throws Exception if the scenario cannot be read or the spool written.
     */
    public static void main(final String[] args) throws Exception
    {
        final Scenario scenario = ScenarioReader.read(Path.of(args[0]));
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Path dir = Files.createTempDirectory("spool-cost");
        final double[] without = new double[rounds];
        final double[] with = new double[rounds];
        long spoolBytes = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int variant = 0; variant < 2; variant++)
            {
                final Path file = dir.resolve("part-" + round);
                final HlogSpool spool = variant == 0 ? null : HlogSpool.toFile(file, "s/r0",
                    Simulation.intervalGroups(scenario.model()), HlogSpool.header(scenario.startEpochNs()));
                final long startNs = threads.getCurrentThreadCpuTime();
                final Simulation simulation = new Simulation(new Engine(4096), scenario.model(),
                    scenario.stacks().get(0), new RandomStreams(scenario.seed()).forReplication(0), spool);
                simulation.run();
                if (spool != null)
                {
                    spool.close();
                    spoolBytes = spool.bytes();
                    Files.delete(file);
                }
                final double seconds = (threads.getCurrentThreadCpuTime() - startNs) / 1e9;
                (variant == 0 ? without : with)[round] = seconds;
                System.out.printf(Locale.ROOT, "round %d %-13s %8.2f s CPU, %,d requests%n", round,
                    variant == 0 ? "no intervals" : "hlog spooled", seconds, simulation.arrivals());
            }
        }
        Files.delete(dir);
        Arrays.sort(without);
        Arrays.sort(with);
        final double a = without[rounds / 2];
        final double b = with[rounds / 2];
        System.out.printf(Locale.ROOT, "median: %.2f s without intervals, %.2f s with the hlog spooled (%,d bytes): " +
            "spooling costs %.2f s, %.1f%% of the run with it%n", a, b, spoolBytes, b - a, 100 * (b - a) / b);
    }
}

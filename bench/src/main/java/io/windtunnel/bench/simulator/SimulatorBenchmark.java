package io.windtunnel.bench.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.CheapestPricePlacement;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.DrainOnNoticeFailover;
import io.windtunnel.simulator.policy.RoundRobinBalancer;
import io.windtunnel.simulator.policy.TargetUtilizationAutoscaler;
import io.windtunnel.traces.FaultKind;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Simulated requests per second of wall time for one policy stack (target-utilization autoscaler, cheapest-price
 * placement over spot and on-demand, a balancer, replace-on-failure) on a quickstart-sized model: three providers,
 * six regions, twelve offers, three client regions with RTTs and jitter, lognormal work, a queue limit, timeouts
 * and periodic spot preemptions. Full request granularity: every request is an arrival, a network hop, a queue and
 * a service event. Each invocation advances the simulation by one simulated second; the {@code requests} counter
 * is the throughput to read (requests/s). Run with {@code -prof gc} for bytes per request. Its in-run baseline is
 * {@link BareMmcBenchmark} (same arrival rate and mean service): {@code windtunnel bench} reports and gates the ratio
 * with round-robin. The balancer is a parameter: round-robin (the baseline), power-of-two-choices and peak-ewma (read
 * their figures as ratios to round-robin's from the same run).
 * <pre>
 * java -jar bench/target/benchmarks.jar SimulatorBenchmark -prof gc
 * java -cp bench/target/benchmarks.jar io.windtunnel.bench.simulator.SimulatorBenchmark 600   # quick, no JMH
 * java -cp bench/target/benchmarks.jar io.windtunnel.bench.simulator.SimulatorBenchmark 600 2000 peak-ewma
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SimulatorBenchmark
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    /** Total client arrival rate, requests per simulated second. */
    @Param({"2000"})
    public double ratePerSec;

    /** The stack's balancer: round-robin (the baseline), power-of-two-choices or peak-ewma, with their defaults. */
    @Param({"round-robin", "power-of-two-choices", "peak-ewma"})
    public String balancer;

    private Simulation simulation;
    private long timeNs;

    /** Requests simulated, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters
    {
        /** Arrivals simulated. */
        public long requests;
    }

    /**
     * Builds the model and runs a simulated minute to fill the fleet.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        simulation = newSimulation(ratePerSec, 30L * 86_400 * SECOND,
            () -> BalancerDecisionBenchmark.newBalancer(balancer));
        timeNs = MINUTE;
        simulation.runUntil(timeNs);
    }

    /**
     * Advance one simulated second.
     *
     * @param counters where the requests are counted.
     */
    @Benchmark
    public void simulateOneSecond(final Counters counters)
    {
        final long before = simulation.arrivals();
        timeNs += SECOND;
        simulation.runUntil(timeNs);
        counters.requests += simulation.arrivals() - before;
    }

    /**
     * @param ratePerSec total arrival rate.
     * @param durationNs simulated duration.
     * @return a ready-to-run simulation of the benchmark's model.
     */
    public static Simulation newSimulation(final double ratePerSec, final long durationNs)
    {
        return newSimulation(ratePerSec, durationNs, RoundRobinBalancer::new);
    }

    /**
     * @param ratePerSec total arrival rate.
     * @param durationNs simulated duration.
     * @param balancer   the stack's balancer, one per run.
     * @return a ready-to-run simulation of the benchmark's model with that balancer.
     */
    public static Simulation newSimulation(final double ratePerSec, final long durationNs,
        final Supplier<Balancer> balancer)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final String[][] world = {
            {"aws", "us-east-1", "eu-west-1", "m5.large", "m5.xlarge"},
            {"azure", "eastus", "westeurope", "Standard_D2s_v3", "Standard_D4s_v3"},
            {"gcp", "us-central1", "europe-west1", "n2-standard-2", "n2-standard-4"}};
        final int[] regions = new int[6];
        int offer = 0;
        for (int p = 0; p < 3; p++)
        {
            final int provider = b.provider(world[p][0], p == 0 ? 2 * MINUTE : 30 * SECOND,
                BillingRule.PER_SECOND_MINIMUM_MINUTE);
            final int r0 = b.region(provider, world[p][1], 500);
            final int r1 = b.region(provider, world[p][2], 500);
            regions[2 * p] = r0;
            regions[2 * p + 1] = r1;
            final int small = b.instanceType(provider, world[p][3], 2, 1.0, 60 * SECOND);
            final int large = b.instanceType(provider, world[p][4], 4, 1.0, 60 * SECOND);
            for (final int region : new int[] {r0, r1})
            {
                b.offer(region, small, CloudModel.ON_DEMAND, PriceSeries.constant(0.096 + 0.001 * offer++));
                b.offer(region, small, CloudModel.SPOT, new PriceSeries(new long[] {0, 6 * 3600 * SECOND},
                    new double[] {0.03 + 0.001 * offer, 0.04 + 0.001 * offer++}));
                b.offer(region, large, CloudModel.ON_DEMAND, PriceSeries.constant(0.192 + 0.001 * offer++));
                b.offer(region, large, CloudModel.SPOT, PriceSeries.constant(0.07 + 0.001 * offer++));
            }
        }
        final double[] shares = {0.5, 0.3, 0.2};
        final String[] clients = {"us-east", "eu-west", "ap-south"};
        for (int c = 0; c < 3; c++)
        {
            final int client = b.client(clients[c], LoadSeries.constant(ratePerSec * shares[c]));
            for (int r = 0; r < 6; r++)
            {
                b.rtt(client, regions[r], (10 + 40L * ((c + r) % 4)) * 1_000_000L);
            }
        }
        b.jitterNs(2_000_000L);
        for (long t = 10 * MINUTE; t < durationNs; t += 10 * MINUTE)
        {
            b.fault(t, FaultKind.PREEMPT.code(), (int)(t / (10 * MINUTE) % 3), -1, -1, 1);
        }
        b.service(CloudModel.LOGNORMAL, 20_000_000, 1.0);
        b.requests(100, 2 * SECOND, 1);
        b.slo(300_000_000L, 2);
        b.times(durationNs, MINUTE, MINUTE, 10 * MINUTE);
        final CloudModel model = b.build();
        final PolicyStack stack = new PolicyStack("spot-cheapest", Map.of(),
            () -> new TargetUtilizationAutoscaler(0.6, 2, 1000, 40),
            () -> new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true, true, true}),
            balancer,
            () -> new DrainOnNoticeFailover(1));
        return new Simulation(new Engine(1 << 16), model, stack, new RandomStreams(42));
    }

    /**
     * Quick measurement without JMH: simulate the given simulated seconds and print requests/s.
     *
     * @param args simulated seconds (default 600), arrival rate (default 2000) and balancer (default round-robin; as
     *             {@link #balancer}).
     */
    public static void main(final String[] args)
    {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
        final double rate = args.length > 1 ? Double.parseDouble(args[1]) : 2000;
        final String type = args.length > 2 ? args[2] : "round-robin";
        for (int round = 0; round < 2; round++)
        {
            final Simulation s =
                newSimulation(rate, (seconds + 60) * SECOND, () -> BalancerDecisionBenchmark.newBalancer(type));
            final long startNs = System.nanoTime();
            s.run();
            final double wall = (System.nanoTime() - startNs) / 1e9;
            System.out.printf(Locale.ROOT, "%s %s: %,d requests, %,d events in %.2f s: %.2f M requests/s, %.2f M events/s%n",
                type, round == 0 ? "warm-up" : "measured", s.arrivals(), s.engine().eventsProcessed(), wall,
                s.arrivals() / wall / 1e6, s.engine().eventsProcessed() / wall / 1e6);
        }
    }
}

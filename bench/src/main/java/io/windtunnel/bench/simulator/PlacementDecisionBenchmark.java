package io.windtunnel.bench.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One placement decision of each placement policy on a model of 100 offers (2 providers x 5 regions x 5 instance
 * types x 2 markets, 3 client regions), in the state a run reaches after 10 simulated minutes of 2,000 requests/s
 * under a target-utilization autoscaler with that very policy placing: {@code chooseOffer} (one launch: scale-up
 * without a plan, a failover replacement) and {@code planAllocation} (one fleet plan per control decision; policies
 * that do not plan answer false at once, so their figure is only the call).
 * <p>
 * Each policy is built through the registry from a generated scenario file, exactly as a user's {@code placement:}
 * entry would build it: to add a policy, add one string to {@link #placement}: its {@code type}, then any
 * parameters as {@code key=value}, separated by spaces (no commas, so {@code -p placement=...} works on the command
 * line). Placement runs per launch and per control interval, not per request.
 * <pre>
 * java -jar bench/target/benchmarks.jar PlacementDecisionBenchmark -f 1 -wi 2 -i 3 -prof gc
 * java -cp bench/target/benchmarks.jar io.windtunnel.bench.simulator.PlacementDecisionBenchmark   # quick, no JMH
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PlacementDecisionBenchmark
{
    /** The placement policies measured: a type, then {@code key=value} parameters separated by spaces. */
    @Param({"cheapest-price", "on-demand-only", "single-region-spot region=alpha-r0", "spread maxPerGroup=20",
        "latency-aware", "lp", "lp-penalized", "forecast", "bandit", "skypilot-failover", "eager-next-region",
        "spot-hedge"})
    public String placement;

    private static final String[] PROVIDERS = {"alpha", "beta"};
    private static final String[] CLIENTS = {"east", "west", "south"};
    private static final int REGIONS_PER_PROVIDER = 5;
    private static final int TYPES_PER_PROVIDER = 5;
    private static final long WARM_NS = 10 * 60_000_000_000L;

    private Simulation simulation;
    private PlacementPolicy policy;
    private int desiredReplicas;
    private int[] active;
    private int[] plan;

    /** Builds the policy through the registry and runs the world with it to a live state. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final Scenario scenario = scenario(placement);
        final PolicyStack stack = scenario.stacks().get(0);
        simulation = new Simulation(new Engine(1 << 16), scenario.model(), stack, new RandomStreams(scenario.seed()));
        simulation.runUntil(WARM_NS);
        policy = stack.placement().get();
        desiredReplicas = simulation.activeReplicas() + 5;
        active = new int[scenario.model().offers()];
        for (int offer = 0; offer < active.length; offer++)
        {
            active[offer] = simulation.offerActiveReplicas(offer);
        }
        plan = new int[active.length];
    }

    /**
     * @return the offer chosen for one launch (consumed by JMH).
     */
    @Benchmark
    public int chooseOffer()
    {
        return policy.chooseOffer(simulation);
    }

    /**
     * @return the first offer's target (consumed by JMH); the copy of the active counts into the plan is included.
     */
    @Benchmark
    public int planAllocation()
    {
        System.arraycopy(active, 0, plan, 0, active.length);
        return policy.planAllocation(simulation, desiredReplicas, plan) ? plan[0] : -1;
    }

    /**
     * @param placement a {@link #placement} value.
     * @return the benchmark's scenario with one stack that places with it.
     */
    static Scenario scenario(final String placement)
    {
        try
        {
            final Path file = Files.createTempFile("placement-decision-", ".yaml");
            try
            {
                Files.writeString(file, yaml(placement));
                return ScenarioReader.read(file);
            }
            finally
            {
                Files.deleteIfExists(file);
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        catch (final Exception e)
        {
            throw new IllegalStateException("cannot build the benchmark's scenario for '" + placement + "'", e);
        }
    }

    private static String yaml(final String placement)
    {
        final String[] words = placement.trim().split(" +");
        final StringBuilder policy = new StringBuilder("{type: ").append(words[0]);
        for (int i = 1; i < words.length; i++)
        {
            final int eq = words[i].indexOf('=');
            policy.append(", ").append(words[i], 0, eq).append(": ").append(words[i].substring(eq + 1));
        }
        policy.append('}');
        final StringBuilder y = new StringBuilder();
        y.append("name: placement-decision\nseed: 7\nreplications: 1\nduration: 1h\ncontrolInterval: 1m\n");
        y.append("sampleInterval: 10m\nproviders:\n");
        final StringBuilder prices = new StringBuilder("prices:\n");
        final StringBuilder rtt = new StringBuilder();
        for (int p = 0; p < PROVIDERS.length; p++)
        {
            y.append("  ").append(PROVIDERS[p]).append(":\n    preemptionNotice: 30s\n    regions:\n");
            for (int r = 0; r < REGIONS_PER_PROVIDER; r++)
            {
                y.append("      ").append(PROVIDERS[p]).append("-r").append(r).append(": {quota: 30}\n");
            }
            y.append("    instanceTypes:\n");
            for (int t = 0; t < TYPES_PER_PROVIDER; t++)
            {
                y.append("      ").append(PROVIDERS[p]).append("-t").append(t).append(": {workers: ")
                    .append(1 << (t % 3 + 1)).append(", speed: 1.0, boot: 60s}\n");
            }
            for (int r = 0; r < REGIONS_PER_PROVIDER; r++)
            {
                for (int t = 0; t < TYPES_PER_PROVIDER; t++)
                {
                    for (final String market : new String[] {"on-demand", "spot"})
                    {
                        // prices spread so that the cheapest offers are scattered over regions and types
                        final double price = (1 << (t % 3 + 1)) * (0.05 + 0.007 * ((7 * r + 3 * t + 11 * p) % 10)) *
                            (market.equals("spot") ? 0.35 : 1.0);
                        prices.append(String.format(Locale.ROOT,
                            "  - {provider: %s, region: %s-r%d, instanceType: %s-t%d, market: %s, pricePerHour: %.4f}%n",
                            PROVIDERS[p], PROVIDERS[p], r, PROVIDERS[p], t, market, price));
                    }
                }
            }
        }
        y.append(prices);
        y.append("load:\n  constant: {east: 1000, west: 600, south: 400}\nclients:\n");
        for (int c = 0; c < CLIENTS.length; c++)
        {
            rtt.setLength(0);
            for (int p = 0; p < PROVIDERS.length; p++)
            {
                for (int r = 0; r < REGIONS_PER_PROVIDER; r++)
                {
                    rtt.append(rtt.length() == 0 ? "" : ", ").append(PROVIDERS[p]).append("-r").append(r).append(": ")
                        .append(10 + 30 * ((c + r + p) % 5)).append("ms");
                }
            }
            y.append("  ").append(CLIENTS[c]).append(": {rtt: {").append(rtt).append("}}\n");
        }
        y.append("service: {distribution: exponential, mean: 50ms}\nstacks:\n  - name: bench\n");
        y.append("    autoscaler: {type: target-utilization, target: 0.6, min: 2, max: 1000, initial: 20}\n");
        y.append("    placement: ").append(policy).append('\n');
        return y.toString();
    }

    /**
     * Times decisions of each policy without JMH (a quick look; use JMH for numbers).
     *
     * @param args repetitions per policy (default 200).
     */
    public static void main(final String[] args)
    {
        final int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        for (final String placement : new String[] {"cheapest-price", "on-demand-only",
            "single-region-spot region=alpha-r0", "spread maxPerGroup=20", "latency-aware", "lp", "lp-penalized",
            "forecast", "bandit", "skypilot-failover", "eager-next-region", "spot-hedge"})
        {
            final PlacementDecisionBenchmark benchmark = new PlacementDecisionBenchmark();
            benchmark.placement = placement;
            benchmark.setUp();
            long choose = 0;
            long plan = 0;
            for (int r = 0; r < repetitions; r++)
            {
                final long start = System.nanoTime();
                benchmark.chooseOffer();
                final long middle = System.nanoTime();
                benchmark.planAllocation();
                plan += System.nanoTime() - middle;
                choose += middle - start;
            }
            System.out.printf(Locale.ROOT, "%-36s chooseOffer %9.2f us  planAllocation %9.2f us  (%d replicas)%n",
                placement, choose / 1e3 / repetitions, plan / 1e3 / repetitions, benchmark.simulation.activeReplicas());
        }
    }
}

package io.windtunnel.bench.simulator;

import io.windtunnel.simulator.policy.lp.FractionalKnapsackSolver;
import io.windtunnel.simulator.policy.lp.LpFleetPlanner;
import io.windtunnel.simulator.policy.lp.LpPlan;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Solve time of one LP fleet plan (model 1) for 10, 100 and 1,000 offers: {@link LpFleetPlanner} (commons-math's
 * dense {@code SimplexSolver}, then rounding to whole replicas) against {@link FractionalKnapsackSolver} (the
 * greedy, exact for this one-constraint LP) as the in-run baseline. Each trial draws one problem from a fixed seed:
 * prices 0.01-2 $/h, capacities 1-16, bounds 0-50 replicas, demand 40% of the total capacity, so that a few dozen
 * percent of the offers are used and one is marginal. Placement plans once per control interval, not per request;
 * run with {@code -prof gc} for the bytes allocated per solve.
 * <pre>
 * java -jar bench/target/benchmarks.jar LpPlacementBenchmark -prof gc
 * java -cp bench/target/benchmarks.jar io.windtunnel.bench.simulator.LpPlacementBenchmark 1000   # quick, no JMH
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LpPlacementBenchmark
{
    /** Offers in the problem. */
    @Param({"10", "100", "1000"})
    public int offers;

    private final LpFleetPlanner planner = new LpFleetPlanner();
    private final FractionalKnapsackSolver greedy = new FractionalKnapsackSolver();
    private final LpPlan plan = new LpPlan();
    private double[] pricePerHourUsd;
    private double[] capacityPerReplica;
    private double[] maxReplicas;
    private double[] replicas;
    private double demandCapacity;

    /** Draws the problem for this trial (the same for every fork with the same {@link #offers}). */
    @Setup(Level.Trial)
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(20261205L + offers);
        pricePerHourUsd = new double[offers];
        capacityPerReplica = new double[offers];
        maxReplicas = new double[offers];
        replicas = new double[offers];
        double total = 0;
        for (int i = 0; i < offers; i++)
        {
            pricePerHourUsd[i] = 0.01 + 1.99 * random.nextDouble();
            capacityPerReplica[i] = 1 + random.nextInt(16);
            maxReplicas[i] = random.nextInt(51);
            total += capacityPerReplica[i] * maxReplicas[i];
        }
        demandCapacity = 0.4 * total;
    }

    /**
     * @return the plan's cost per hour (consumed by JMH).
     */
    @Benchmark
    public double simplex()
    {
        planner.plan(pricePerHourUsd, capacityPerReplica, maxReplicas, demandCapacity, plan);
        return plan.wholeCostPerHourUsd();
    }

    /**
     * @return the greedy's objective (consumed by JMH).
     */
    @Benchmark
    public double greedy()
    {
        return greedy.solve(pricePerHourUsd, capacityPerReplica, maxReplicas, demandCapacity, replicas);
    }

    /**
     * Times a few solves of each kind without JMH, and checks that both find the same objective.
     *
     * @param args the number of offers (default 1000) and of repetitions (default 5).
     */
    public static void main(final String[] args)
    {
        final LpPlacementBenchmark benchmark = new LpPlacementBenchmark();
        benchmark.offers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        final int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        benchmark.setUp();
        for (int r = 0; r < repetitions; r++)
        {
            final long start = System.nanoTime();
            benchmark.simplex();
            final long middle = System.nanoTime();
            final double oracle = benchmark.greedy();
            final long end = System.nanoTime();
            System.out.printf(Locale.ROOT, "%d offers: simplex %.3f ms (objective %.6f), greedy %.3f ms (%.6f)%n",
                benchmark.offers, (middle - start) / 1e6, benchmark.plan.objectivePerHourUsd(), (end - middle) / 1e6,
                oracle);
        }
    }
}

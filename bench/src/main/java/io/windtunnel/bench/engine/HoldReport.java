package io.windtunnel.bench.engine;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs {@link HoldBenchmark} with the GC profiler and prints one table: M hold operations/s and bytes per
 * operation for each queue and size, and the ratios engine / PriorityQueue and engine / binary heap from this one
 * run (machines are shared and noisy, so only same-run ratios are compared).
 * <pre>
 *   mvn -B -q -pl bench -am package -DskipTests
 *   java -cp bench/target/benchmarks.jar io.windtunnel.bench.engine.HoldReport
 * </pre>
 * Takes about 3 minutes on 2 cores.
 */
public final class HoldReport
{
    private HoldReport()
    {
    }

    /**
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException
    {
        final Options options = new OptionsBuilder()
            .include(HoldBenchmark.class.getName() + "\\.")
            .addProfiler("gc")
            .build();
        final Collection<RunResult> results = new Runner(options).run();

        final Map<Integer, Map<String, double[]>> table = new TreeMap<>();
        for (final RunResult result : results)
        {
            final int pending = Integer.parseInt(result.getParams().getParam("pending"));
            final String method = result.getParams().getBenchmark()
                .substring(result.getParams().getBenchmark().lastIndexOf('.') + 1);
            final double opsPerUs = result.getPrimaryResult().getScore();
            double bytesPerOp = Double.NaN;
            for (final Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet())
            {
                if (secondary.getKey().endsWith("gc.alloc.rate.norm"))
                {
                    bytesPerOp = secondary.getValue().getScore();
                }
            }
            table.computeIfAbsent(pending, k -> new TreeMap<>()).put(method, new double[] {opsPerUs, bytesPerOp});
        }

        System.out.println();
        System.out.println("Hold model, M ops/s (B/op); ratios from this run");
        System.out.printf(Locale.ROOT, "| %9s | %16s | %16s | %16s | %9s | %9s |%n",
            "pending", "engine", "binary heap", "PriorityQueue", "eng/PQ", "eng/heap");
        System.out.println("|----------:|-----------------:|-----------------:|-----------------:|----------:|----------:|");
        for (final Map.Entry<Integer, Map<String, double[]>> row : table.entrySet())
        {
            final double[] engine = row.getValue().get("engine");
            final double[] heap = row.getValue().get("binaryHeap");
            final double[] pq = row.getValue().get("priorityQueue");
            System.out.printf(Locale.ROOT, "| %9d | %16s | %16s | %16s | %8.1fx | %8.2fx |%n",
                row.getKey(), cell(engine), cell(heap), cell(pq), engine[0] / pq[0], engine[0] / heap[0]);
        }
    }

    private static String cell(final double[] result)
    {
        return String.format(Locale.ROOT, "%6.2f (%4.1f B)", result[0], result[1]);
    }
}

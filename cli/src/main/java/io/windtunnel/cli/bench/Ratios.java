package io.windtunnel.cli.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ratios the gate holds: each is the speed of a subject over the speed of its baseline measured in the same run
 * with the same JMH parameters (higher is better; {@link Measurement#speed()}), so that a busy machine, which slows
 * both, moves the ratio much less than either score.
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>ratio</th><th>subject</th><th>baseline</th></tr>
 *   <tr><td>hold: engine / PriorityQueue</td><td>{@code HoldBenchmark.engine}</td>
 *       <td>{@code HoldBenchmark.priorityQueue}</td></tr>
 *   <tr><td>hold: engine / binary heap</td><td>{@code HoldBenchmark.engine}</td>
 *       <td>{@code HoldBenchmark.binaryHeap}</td></tr>
 *   <tr><td>request path / bare M/M/c</td><td>{@code SimulatorBenchmark.simulateOneSecond}</td>
 *       <td>{@code BareMmcBenchmark.simulateOneSecond}</td></tr>
 *   <tr><td>trace decode: binary / CSV</td><td>{@code TraceReplayBenchmark.binaryReplay}</td>
 *       <td>{@code TraceReplayBenchmark.csvParse}</td></tr>
 *   <tr><td>LP placement: Simplex / greedy</td><td>{@code LpPlacementBenchmark.simplex}</td>
 *       <td>{@code LpPlacementBenchmark.greedy}</td></tr>
 * </table>
 * A rule gives one ratio per parameter combination measured on both sides, named with the parameters, e.g.
 * {@code hold: engine / PriorityQueue (pending=1000)}. Benchmarks without a baseline (placement decisions, balancer
 * decisions) are shown in the table of benchmarks but not gated.
 * <p>
 * <b>Threading:</b> stateless.
 */
public final class Ratios
{
    /** The rules, in the order of the table. */
    public static final List<Rule> RULES = List.of(
        new Rule("hold: engine / PriorityQueue", "HoldBenchmark.engine", "HoldBenchmark.priorityQueue"),
        new Rule("hold: engine / binary heap", "HoldBenchmark.engine", "HoldBenchmark.binaryHeap"),
        new Rule("request path / bare M/M/c", "SimulatorBenchmark.simulateOneSecond",
            "BareMmcBenchmark.simulateOneSecond"),
        new Rule("trace decode: binary / CSV", "TraceReplayBenchmark.binaryReplay", "TraceReplayBenchmark.csvParse"),
        new Rule("LP placement: Simplex / greedy", "LpPlacementBenchmark.simplex", "LpPlacementBenchmark.greedy"));

    private Ratios()
    {
    }

    /**
     * A ratio rule.
     *
     * @param label    the ratio's name without parameters.
     * @param subject  {@code Class.method} of the measured code.
     * @param baseline {@code Class.method} of its in-run baseline.
     */
    public record Rule(String label, String subject, String baseline)
    {
    }

    /**
     * One computed ratio.
     *
     * @param name     label and parameters.
     * @param subject  the subject's measurement.
     * @param baseline the baseline's measurement.
     */
    public record Ratio(String name, Measurement subject, Measurement baseline)
    {
        /**
         * @return subject speed / baseline speed.
         */
        public double value()
        {
            return subject.speed() / baseline.speed();
        }
    }

    /**
     * @param measurements benchmarks by key.
     * @return every ratio whose subject and baseline were both measured, by name, sorted.
     */
    public static Map<String, Ratio> compute(final Map<String, Measurement> measurements)
    {
        final Map<String, Ratio> ratios = new TreeMap<>();
        for (final Rule rule : RULES)
        {
            for (final Measurement subject : measurements.values())
            {
                final String key = subject.key();
                if (!key.startsWith(rule.subject()) ||
                    (key.length() > rule.subject().length() && key.charAt(rule.subject().length()) != '('))
                {
                    continue;
                }
                final String params = key.substring(rule.subject().length());
                final Measurement baseline = measurements.get(rule.baseline() + params);
                if (baseline != null)
                {
                    final String name = params.isEmpty() ? rule.label() : rule.label() + " " + params;
                    ratios.put(name, new Ratio(name, subject, baseline));
                }
            }
        }
        return ratios;
    }

    /**
     * @param params parameter name to value, sorted.
     * @return {@code ""} for none, else {@code (name=value,name=value)}.
     */
    static String paramsSuffix(final Map<String, String> params)
    {
        if (params.isEmpty())
        {
            return "";
        }
        final StringBuilder suffix = new StringBuilder("(");
        for (final Map.Entry<String, String> param : params.entrySet())
        {
            if (suffix.length() > 1)
            {
                suffix.append(',');
            }
            suffix.append(param.getKey()).append('=').append(param.getValue());
        }
        return suffix.append(')').toString();
    }
}

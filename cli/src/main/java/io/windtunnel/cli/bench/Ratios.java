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
            "BareMmcBenchmark.simulateOneSecond", "balancer=round-robin", null),
        new Rule("request path: power-of-two-choices / round-robin", "SimulatorBenchmark.simulateOneSecond",
            "SimulatorBenchmark.simulateOneSecond", "balancer=power-of-two-choices", "balancer=round-robin"),
        new Rule("request path: peak-ewma / round-robin", "SimulatorBenchmark.simulateOneSecond",
            "SimulatorBenchmark.simulateOneSecond", "balancer=peak-ewma", "balancer=round-robin"),
        new Rule("trace decode: binary / CSV", "TraceReplayBenchmark.binaryReplay", "TraceReplayBenchmark.csvParse"),
        new Rule("LP placement: Simplex / greedy", "LpPlacementBenchmark.simplex", "LpPlacementBenchmark.greedy"));

    private Ratios()
    {
    }

    /**
     * A ratio rule. The subject's other parameters are looked up on the baseline as they are, so a ratio is taken
     * per parameter combination measured on both sides.
     *
     * @param label         the ratio's name without parameters.
     * @param subject       {@code Class.method} of the measured code.
     * @param baseline      {@code Class.method} of its in-run baseline.
     * @param subjectParam  {@code name=value} the subject must have (a subject without that parameter at all counts
     *                      too: a result file from before the parameter existed); left out of the ratio's name and of
     *                      the baseline's parameters; null for none.
     * @param baselineParam {@code name=value} the baseline must have instead, or null.
     */
    public record Rule(String label, String subject, String baseline, String subjectParam, String baselineParam)
    {
        /**
         * A rule between two benchmarks with the same parameters.
         *
         * @param label    the ratio's name without parameters.
         * @param subject  {@code Class.method} of the measured code.
         * @param baseline {@code Class.method} of its in-run baseline.
         */
        public Rule(final String label, final String subject, final String baseline)
        {
            this(label, subject, baseline, null, null);
        }
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
                final Map<String, String> params = parseParams(key.substring(rule.subject().length()));
                if (rule.subjectParam() != null)
                {
                    final String[] nameValue = rule.subjectParam().split("=", 2);
                    final String value = params.remove(nameValue[0]);
                    if (value != null && !value.equals(nameValue[1]))
                    {
                        continue;
                    }
                }
                final String shared = paramsSuffix(params);
                if (rule.baselineParam() != null)
                {
                    final String[] nameValue = rule.baselineParam().split("=", 2);
                    params.put(nameValue[0], nameValue[1]);
                }
                final Measurement baseline = measurements.get(rule.baseline() + paramsSuffix(params));
                if (baseline != null && baseline != subject)
                {
                    final String name = shared.isEmpty() ? rule.label() : rule.label() + " " + shared;
                    ratios.put(name, new Ratio(name, subject, baseline));
                }
            }
        }
        return ratios;
    }

    /**
     * @param suffix {@code ""} or {@code (name=value,name=value)}, as {@link #paramsSuffix} writes it.
     * @return parameter name to value, sorted, modifiable.
     */
    static Map<String, String> parseParams(final String suffix)
    {
        final Map<String, String> params = new TreeMap<>();
        if (suffix.length() > 2)
        {
            for (final String pair : suffix.substring(1, suffix.length() - 1).split(","))
            {
                final int eq = pair.indexOf('=');
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return params;
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

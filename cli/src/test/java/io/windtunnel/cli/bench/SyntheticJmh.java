package io.windtunnel.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds JMH JSON result files as {@code java -jar benchmarks.jar -rf json -prof gc} writes them (the fields the gate
 * reads, with JMH's "NaN" strings for missing errors), so the gate is tested without running JMH.
 */
public final class SyntheticJmh
{
    private final List<String> entries = new ArrayList<>();

    /**
     * @param benchmark full benchmark name.
     * @param mode      thrpt or avgt.
     * @param params    JMH parameters.
     * @param score     primary score.
     * @param unit      its unit.
     * @param allocNorm gc.alloc.rate.norm (bytes per operation).
     * @return this.
     */
    public SyntheticJmh add(final String benchmark, final String mode, final Map<String, String> params,
        final double score, final String unit, final double allocNorm)
    {
        return add(benchmark, mode, params, score, unit, allocNorm, Double.NaN);
    }

    /**
     * As {@link #add(String, String, Map, double, String, double)}, with a {@code requests} counter when not NaN.
     *
     * @param benchmark      full benchmark name.
     * @param mode           thrpt or avgt.
     * @param params         JMH parameters.
     * @param score          primary score (invocations per second for a counter benchmark).
     * @param unit           its unit.
     * @param allocNorm      gc.alloc.rate.norm (bytes per invocation).
     * @param requestsPerSec the requests counter, NaN for none.
     * @return this.
     */
    public SyntheticJmh add(final String benchmark, final String mode, final Map<String, String> params,
        final double score, final String unit, final double allocNorm, final double requestsPerSec)
    {
        final StringBuilder p = new StringBuilder();
        for (final Map.Entry<String, String> param : params.entrySet())
        {
            p.append(p.length() == 0 ? "" : ", ").append('"').append(param.getKey()).append("\" : \"")
                .append(param.getValue()).append('"');
        }
        final String requests = Double.isNaN(requestsPerSec) ? "" : String.format(Locale.ROOT,
            ",\n      \"requests\" : { \"score\" : %s, \"scoreError\" : \"NaN\", \"scoreUnit\" : \"ops/s\" }",
            requestsPerSec);
        entries.add(String.format(Locale.ROOT, """
              {
                "jmhVersion" : "1.37",
                "benchmark" : "%s",
                "mode" : "%s",
                "threads" : 1,
                "forks" : 1,
                %s
                "primaryMetric" : { "score" : %s, "scoreError" : 0.5, "scoreUnit" : "%s", "rawData" : [ [ 1.0 ] ] },
                "secondaryMetrics" : {
                  "gc.alloc.rate" : { "score" : 0.01, "scoreError" : "NaN", "scoreUnit" : "MB/sec" },
                  "gc.alloc.rate.norm" : { "score" : %s, "scoreError" : "NaN", "scoreUnit" : "B/op" }%s
                }
              }""", benchmark, mode, params.isEmpty() ? "" : "\"params\" : { " + p + " },", score, unit,
            allocNorm, requests));
        return this;
    }

    /**
     * @return the file's text.
     */
    public String text()
    {
        return "[\n" + String.join(",\n", entries) + "\n]\n";
    }
}

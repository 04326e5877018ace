package io.windtunnel.cli.check;

import java.util.Locale;

/**
 * The metrics {@code windtunnel check} holds against a baseline, each with the direction in which it gets worse.
 * They are keys of a stack's {@code metrics} in {@code summary.json}.
 */
public enum GatedMetric
{
    /** Total cost of the run, USD. */
    COST("cost.total_usd", "cost (USD)", true),
    /** Cost per million requests arrived after the warm-up, USD. */
    COST_PER_MILLION("cost.usd_per_million_requests", "USD per million requests", true),
    /** Median latency of measured requests, ms. */
    P50("latency.p50_ms", "latency p50 (ms)", true),
    /** 99th percentile latency, ms. */
    P99("latency.p99_ms", "latency p99 (ms)", true),
    /** 99.9th percentile latency, ms. */
    P999("latency.p999_ms", "latency p99.9 (ms)", true),
    /** Share of measured requests slower than the SLO or not completed. */
    SLO_VIOLATIONS("slo.violation_share", "SLO violations (share)", true),
    /** Share of the measured time with at least the required ready replicas. */
    AVAILABILITY_TIME("availability.time_share", "availability (time)", false),
    /** Completed over arrived, measured requests. */
    AVAILABILITY_REQUESTS("availability.request_share", "availability (requests)", false),
    /** Measured requests that failed (lost with their replica, out of retries). */
    FAILED("requests.failed", "failed requests", true),
    /** Measured requests that timed out. */
    TIMED_OUT("requests.timed_out", "timed-out requests", true),
    /** Measured requests rejected (no replica to send them to). */
    REJECTED("requests.rejected", "rejected requests", true);

    private final String key;
    private final String label;
    private final boolean higherIsWorse;

    GatedMetric(final String key, final String label, final boolean higherIsWorse)
    {
        this.key = key;
        this.label = label;
        this.higherIsWorse = higherIsWorse;
    }

    /**
     * @return the metric's key in {@code summary.json} and in baselines.
     */
    public String key()
    {
        return key;
    }

    /**
     * @return a short label with its unit, for tables.
     */
    public String label()
    {
        return label;
    }

    /**
     * @param from the baseline's value.
     * @param to   the value now.
     * @return how much worse {@code to} is than {@code from}: positive when worse, negative when better.
     */
    public double worsening(final double from, final double to)
    {
        return higherIsWorse ? to - from : from - to;
    }

    /**
     * @return "higher" or "lower": which way is worse.
     */
    public String worseWay()
    {
        return higherIsWorse ? "higher" : "lower";
    }

    /**
     * @param key a metric key.
     * @return the gated metric with that key, or null.
     */
    public static GatedMetric ofKey(final String key)
    {
        for (final GatedMetric metric : values())
        {
            if (metric.key.equals(key.toLowerCase(Locale.ROOT)))
            {
                return metric;
            }
        }
        return null;
    }

    /**
     * @return every key, comma-separated, for messages.
     */
    public static String keys()
    {
        final StringBuilder keys = new StringBuilder();
        for (final GatedMetric metric : values())
        {
            keys.append(keys.length() == 0 ? "" : ", ").append(metric.key);
        }
        return keys.toString();
    }
}

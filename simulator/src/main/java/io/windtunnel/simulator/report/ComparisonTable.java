package io.windtunnel.simulator.report;

import io.windtunnel.simulator.runner.ConfidenceIntervals;
import io.windtunnel.simulator.runner.StackSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side comparison of policy stacks: a fixed set of headline metrics as rows, one column per stack,
 * each cell {@code mean ± 95% half-width}. Rendered as plain text for the terminal and as Markdown for
 * {@code comparison.md}.
 * <p>
 * Two rows are derived per replication from the runs' metrics, then summarized like the others (mean and Student-t
 * interval over replications): the <b>failed-request rate</b>, the share of requests (after warm-up) that ended
 * timed out, rejected or failed; and, when the scenario names a baseline stack ({@code compare: {baseline: NAME}}),
 * the <b>cost saving vs the baseline</b> in percent, {@code 100 (1 - cost / baseline cost)} of the same
 * replication. Since every stack's replication r runs on the same random numbers, the saving is a paired
 * difference: its interval comes from the per-replication savings, which is narrower than one from the two
 * stacks' separate intervals whenever their costs move together.
 * <p>
 * <b>Threading:</b> stateless.
 */
public final class ComparisonTable
{
    /** Row key of the failed-request rate, derived per replication. */
    private static final String FAILED_RATE = "derived.failed_request_rate";
    /** Row key of the cost saving vs the baseline, derived per replication; shown only with a baseline. */
    private static final String SAVING = "derived.cost_saving_pct";
    /**
     * Rows about retries and hedges: shown only when some stack retried after a backoff or hedged, so that the tables
     * of scenarios without those policies stay as they were.
     */
    private static final List<String> ATTEMPT_ROWS = List.of(
        "attempts.retries", "retries.delayed", "attempts.hedges", "hedges.wins", "hedges.loser_work_seconds");
    /** Cell of the baseline's own column in the saving row. */
    static final String BASELINE_CELL = "baseline";

    /** Headline metrics: key, label, decimals. */
    private static final String[][] ROWS = {
        {"requests.arrived", "requests (after warm-up)", "0"},
        {"requests.completed", "completed", "0"},
        {"requests.timed_out", "timed out", "0"},
        {"requests.rejected", "rejected", "0"},
        {"requests.failed", "failed", "0"},
        {"attempts.retries", "retries", "0"},
        {"retries.delayed", "retries after a backoff", "0"},
        {"attempts.hedges", "hedges sent", "0"},
        {"hedges.wins", "hedge wins", "0"},
        {"hedges.loser_work_seconds", "work on losing copies (worker-s)", "1"},
        {"latency.mean_ms", "latency mean (ms)", "2"},
        {"latency.p50_ms", "latency p50 (ms)", "2"},
        {"latency.p90_ms", "latency p90 (ms)", "2"},
        {"latency.p99_ms", "latency p99 (ms)", "2"},
        {"latency.p999_ms", "latency p99.9 (ms)", "2"},
        {"slo.violation_share", "SLO violations (share)", "5"},
        {"availability.time_share", "availability (time)", "5"},
        {"availability.request_share", "availability (requests)", "5"},
        {FAILED_RATE, "failed-request rate (share)", "5"},
        {"replicas.preempted", "preemptions", "1"},
        {"replicas.failed", "replica failures", "1"},
        {"utilization", "utilization", "3"},
        {"cost.total_usd", "cost (USD)", "2"},
        {"cost.compute_usd", "compute cost (USD)", "2"},
        {"cost.transfer_usd", "transfer cost (USD)", "2"},
        {"cost.storage_usd", "storage cost (USD)", "2"},
        {"storage.copies", "storage copies", "1"},
        {"storage.gb_copied", "GB copied between storage locations", "2"},
        {"transfer.gb", "GB moved", "2"},
        {"transfer.same-zone.gb", "GB moved same-zone", "2"},
        {"transfer.other-zone.gb", "GB moved other-zone", "2"},
        {"transfer.other-region.gb", "GB moved other-region", "2"},
        {"transfer.internet.gb", "GB moved internet", "2"},
        {"transfer.edge.gb", "GB moved edge", "2"},
        {"transfer.same-zone.usd", "transfer cost same-zone (USD)", "2"},
        {"transfer.other-zone.usd", "transfer cost other-zone (USD)", "2"},
        {"transfer.other-region.usd", "transfer cost other-region (USD)", "2"},
        {"transfer.internet.usd", "transfer cost internet (USD)", "2"},
        {"transfer.edge.usd", "transfer cost edge (USD)", "2"},
        {SAVING, "cost saving vs baseline (%)", "1"},
        {"cost.usd_per_million_requests", "USD per million requests", "3"},
        {"conservation.holds", "conservation holds (1 = yes)", "0"}};

    private ComparisonTable()
    {
    }

    /**
     * @param stacks stacks in display order.
     * @return the table as aligned plain text, without a saving row.
     */
    public static String text(final List<StackSummary> stacks)
    {
        return text(stacks, null);
    }

    /**
     * @param stacks   stacks in display order.
     * @param baseline the stack to measure cost savings against (one of {@code stacks}), or null for no saving row.
     * @return the table as aligned plain text.
     */
    public static String text(final List<StackSummary> stacks, final String baseline)
    {
        final List<String[]> rows = cells(stacks, baseline);
        final int[] widths = new int[rows.get(0).length];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++)
        {
            final String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++)
            {
                final String cell = row[i];
                if (i == 0)
                {
                    out.append(cell).append(" ".repeat(widths[i] - cell.length()));
                }
                else
                {
                    out.append("  ").append(" ".repeat(widths[i] - cell.length())).append(cell);
                }
            }
            out.append('\n');
            if (r == 0)
            {
                int total = widths[0];
                for (int i = 1; i < widths.length; i++)
                {
                    total += widths[i] + 2;
                }
                out.append("-".repeat(total)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * @param stacks   stacks in display order.
     * @param baseline the stack to measure cost savings against (one of {@code stacks}), or null for no saving row.
     * @return the table as GitHub Markdown.
     */
    public static String markdown(final List<StackSummary> stacks, final String baseline)
    {
        final List<String[]> rows = cells(stacks, baseline);
        final StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++)
        {
            out.append('|');
            for (final String cell : rows.get(r))
            {
                out.append(' ').append(cell).append(" |");
            }
            out.append('\n');
            if (r == 0)
            {
                out.append("|---");
                for (int i = 1; i < rows.get(0).length; i++)
                {
                    out.append("|---:");
                }
                out.append("|\n");
            }
        }
        return out.toString();
    }

    /**
     * The table's cells: a header row (the metric column's title, then the stack names), then one row per headline
     * metric (its label, then one formatted cell per stack). Shared by the text, Markdown and {@code report.html}
     * renderings so the three show the same numbers.
     *
     * @param stacks   stacks in display order.
     * @param baseline the stack to measure cost savings against, or null for no saving row.
     * @throws IllegalArgumentException if {@code baseline} names no stack (the scenario reader checks it first).
     */
    static List<String[]> cells(final List<StackSummary> stacks, final String baseline)
    {
        StackSummary base = null;
        for (final StackSummary stack : stacks)
        {
            if (stack.stack().equals(baseline))
            {
                base = stack;
            }
        }
        if (baseline != null && base == null)
        {
            throw new IllegalArgumentException("the comparison baseline '" + baseline + "' is not one of the stacks");
        }
        final List<String[]> rows = new ArrayList<>();
        final String[] header = new String[stacks.size() + 1];
        header[0] = "metric (mean ± 95% CI)";
        for (int i = 0; i < stacks.size(); i++)
        {
            header[i + 1] = stacks.get(i).stack();
        }
        rows.add(header);
        final boolean attempts = retriedOrHedged(stacks);
        final boolean bytes = usesBytes(stacks);
        final boolean storage = usesStorage(stacks);
        for (final String[] spec : ROWS)
        {
            if (spec[0].equals(SAVING) && base == null || !attempts && ATTEMPT_ROWS.contains(spec[0]) ||
                !bytes && isTransferRow(spec[0]) || !storage && isStorageRow(spec[0]))
            {
                continue;
            }
            final String[] row = new String[stacks.size() + 1];
            row[0] = spec[0].equals(SAVING) ? "cost saving vs " + baseline + " (%)" : spec[1];
            for (int i = 0; i < stacks.size(); i++)
            {
                final StackSummary stack = stacks.get(i);
                final int decimals = Integer.parseInt(spec[2]);
                if (spec[0].equals(FAILED_RATE))
                {
                    row[i + 1] = format(failedRequestRate(stack), decimals);
                }
                else if (spec[0].equals(SAVING))
                {
                    row[i + 1] = stack == base ? BASELINE_CELL : format(costSavingPct(stack, base), decimals);
                }
                else
                {
                    row[i + 1] = format(stack.metrics().get(spec[0]), decimals);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** @return true if the stacks ran with bytes (their summaries have the transfer metrics). */
    private static boolean usesBytes(final List<StackSummary> stacks)
    {
        for (final StackSummary stack : stacks)
        {
            if (stack.metrics().containsKey("cost.transfer_usd"))
            {
                return true;
            }
        }
        return false;
    }

    /** @return true if the stacks ran with a storage section (their summaries have the storage metrics). */
    private static boolean usesStorage(final List<StackSummary> stacks)
    {
        for (final StackSummary stack : stacks)
        {
            if (stack.metrics().containsKey("cost.storage_usd"))
            {
                return true;
            }
        }
        return false;
    }

    /** @return true for the rows shown only with a storage section: storage cost, copies. */
    private static boolean isStorageRow(final String key)
    {
        return key.startsWith("storage.") || key.equals("cost.storage_usd");
    }

    /** @return true for the rows shown only with bytes: compute and transfer cost apart, GB moved. */
    private static boolean isTransferRow(final String key)
    {
        return key.startsWith("transfer.") || key.equals("cost.compute_usd") || key.equals("cost.transfer_usd");
    }

    /** @return true if some stack, in some replication, retried after a backoff or sent a hedge. */
    private static boolean retriedOrHedged(final List<StackSummary> stacks)
    {
        for (final StackSummary stack : stacks)
        {
            for (final String metric : List.of("retries.delayed", "attempts.hedges"))
            {
                final List<Double> values = values(stack, metric);
                if (values != null && values.stream().anyMatch(v -> v > 0))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param stack a stack's summary.
     * @return per replication, (timed out + rejected + failed) / arrived after warm-up (0 when nothing arrived),
     * summarized; null if the metrics are missing.
     */
    static StackSummary.Statistic failedRequestRate(final StackSummary stack)
    {
        final List<Double> arrived = values(stack, "requests.arrived");
        final List<Double> timedOut = values(stack, "requests.timed_out");
        final List<Double> rejected = values(stack, "requests.rejected");
        final List<Double> failed = values(stack, "requests.failed");
        if (arrived == null || timedOut == null || rejected == null || failed == null)
        {
            return null;
        }
        final List<Double> rates = new ArrayList<>();
        for (int r = 0; r < arrived.size(); r++)
        {
            final double n = arrived.get(r);
            rates.add(n == 0 ? 0 : (timedOut.get(r) + rejected.get(r) + failed.get(r)) / n);
        }
        return statistic(rates);
    }

    /**
     * @param stack a stack's summary.
     * @param base  the baseline's, over the same replications (common random numbers).
     * @return per replication r, {@code 100 (1 - cost_r / baseCost_r)}, summarized (a paired comparison); null if
     * a cost is missing or the replication counts differ; NaN where the baseline cost nothing.
     */
    static StackSummary.Statistic costSavingPct(final StackSummary stack, final StackSummary base)
    {
        final List<Double> cost = values(stack, "cost.total_usd");
        final List<Double> baseCost = values(base, "cost.total_usd");
        if (cost == null || baseCost == null || cost.size() != baseCost.size())
        {
            return null;
        }
        final List<Double> savings = new ArrayList<>();
        for (int r = 0; r < cost.size(); r++)
        {
            savings.add(baseCost.get(r) > 0 ? 100 * (1 - cost.get(r) / baseCost.get(r)) : Double.NaN);
        }
        return statistic(savings);
    }

    private static List<Double> values(final StackSummary stack, final String metric)
    {
        final StackSummary.Statistic statistic = stack.metrics().get(metric);
        return statistic == null ? null : statistic.values();
    }

    private static StackSummary.Statistic statistic(final List<Double> values)
    {
        return new StackSummary.Statistic(ConfidenceIntervals.mean(values),
            ConfidenceIntervals.halfWidth(values, 0.95), values);
    }

    private static String format(final StackSummary.Statistic statistic, final int decimals)
    {
        if (statistic == null || Double.isNaN(statistic.mean()))
        {
            return "-";
        }
        final String pattern = "%,." + decimals + "f";
        final String mean = String.format(Locale.ROOT, pattern, statistic.mean());
        if (Double.isNaN(statistic.halfWidth95()))
        {
            return mean;
        }
        return mean + " ± " + String.format(Locale.ROOT, pattern, statistic.halfWidth95());
    }
}

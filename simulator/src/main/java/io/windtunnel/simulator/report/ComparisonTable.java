package io.windtunnel.simulator.report;

import io.windtunnel.simulator.runner.StackSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side comparison of policy stacks: a fixed set of headline metrics as rows, one column per stack,
 * each cell {@code mean ± 95% half-width}. Rendered as plain text for the terminal and as Markdown for
 * {@code comparison.md}.
 * <p>
 * <b>Threading:</b> stateless.
 */
public final class ComparisonTable
{
    /** Headline metrics: key, label, decimals. */
    private static final String[][] ROWS = {
        {"requests.arrived", "requests (after warm-up)", "0"},
        {"requests.completed", "completed", "0"},
        {"requests.timed_out", "timed out", "0"},
        {"requests.rejected", "rejected", "0"},
        {"requests.failed", "failed", "0"},
        {"latency.mean_ms", "latency mean (ms)", "2"},
        {"latency.p50_ms", "latency p50 (ms)", "2"},
        {"latency.p99_ms", "latency p99 (ms)", "2"},
        {"latency.p999_ms", "latency p99.9 (ms)", "2"},
        {"slo.violation_share", "SLO violations (share)", "5"},
        {"availability.time_share", "availability (time)", "5"},
        {"availability.request_share", "availability (requests)", "5"},
        {"replicas.preempted", "preemptions", "1"},
        {"replicas.failed", "replica failures", "1"},
        {"utilization", "utilization", "3"},
        {"cost.total_usd", "cost (USD)", "2"},
        {"cost.usd_per_million_requests", "USD per million requests", "3"},
        {"conservation.holds", "conservation holds (1 = yes)", "0"}};

    private ComparisonTable()
    {
    }

    /**
     * @param stacks stacks in display order.
     * @return the table as aligned plain text.
     */
    public static String text(final List<StackSummary> stacks)
    {
        final List<String[]> rows = cells(stacks);
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
     * @param stacks stacks in display order.
     * @return the table as GitHub Markdown.
     */
    public static String markdown(final List<StackSummary> stacks)
    {
        final List<String[]> rows = cells(stacks);
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
     */
    static List<String[]> cells(final List<StackSummary> stacks)
    {
        final List<String[]> rows = new ArrayList<>();
        final String[] header = new String[stacks.size() + 1];
        header[0] = "metric (mean ± 95% CI)";
        for (int i = 0; i < stacks.size(); i++)
        {
            header[i + 1] = stacks.get(i).stack();
        }
        rows.add(header);
        for (final String[] spec : ROWS)
        {
            final String[] row = new String[stacks.size() + 1];
            row[0] = spec[1];
            for (int i = 0; i < stacks.size(); i++)
            {
                row[i + 1] = format(stacks.get(i).metrics().get(spec[0]), Integer.parseInt(spec[2]));
            }
            rows.add(row);
        }
        return rows;
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

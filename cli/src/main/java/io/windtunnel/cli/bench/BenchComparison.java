package io.windtunnel.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A run's ratios held to a saved run's ({@code windtunnel bench --against FILE}): a ratio that dropped below the
 * saved value by more than the threshold (a share: 0.2 flags a ratio below 80% of the saved one) is a regression.
 * A ratio only in the saved file is "not measured" (a subset or a quick run was compared with a full one), a ratio
 * only in this run is "new"; neither fails.
 * <p>
 * <b>Threading:</b> immutable.
 *
 * @param rows      one per ratio in either run, by name.
 * @param threshold the share a ratio may drop.
 */
public record BenchComparison(List<Row> rows, double threshold)
{
    /** A ratio's verdict. */
    public enum Verdict
    {
        /** Within the threshold. */
        OK("ok"),
        /** Dropped by more than the threshold. */
        REGRESSION("REGRESSION"),
        /** Rose by more than the threshold (a good change; refresh the saved file to hold the new level). */
        IMPROVED("improved"),
        /** In the saved file, not in this run. */
        NOT_MEASURED("not measured"),
        /** In this run, not in the saved file. */
        NEW("new");

        private final String text;

        Verdict(final String text)
        {
            this.text = text;
        }

        /**
         * @return the verdict as the table shows it.
         */
        public String text()
        {
            return text;
        }
    }

    /**
     * One ratio compared.
     *
     * @param name    the ratio.
     * @param saved   its saved value, NaN when new.
     * @param now     its value in this run, NaN when not measured.
     * @param verdict what that means.
     */
    public record Row(String name, double saved, double now, Verdict verdict)
    {
    }

    /**
     * @param now       this run's ratios.
     * @param saved     the saved run's ratios.
     * @param threshold the share a ratio may drop, in (0, 1).
     * @return the comparison.
     */
    public static BenchComparison compare(
        final Map<String, Double> now, final Map<String, Double> saved, final double threshold)
    {
        if (!(threshold > 0 && threshold < 1))
        {
            throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
        }
        final List<Row> rows = new ArrayList<>();
        final TreeSet<String> names = new TreeSet<>(now.keySet());
        names.addAll(saved.keySet());
        for (final String name : names)
        {
            final Double before = saved.get(name);
            final Double after = now.get(name);
            final Verdict verdict;
            if (before == null)
            {
                verdict = Verdict.NEW;
            }
            else if (after == null)
            {
                verdict = Verdict.NOT_MEASURED;
            }
            else if (after < before * (1 - threshold))
            {
                verdict = Verdict.REGRESSION;
            }
            else if (after > before * (1 + threshold))
            {
                verdict = Verdict.IMPROVED;
            }
            else
            {
                verdict = Verdict.OK;
            }
            rows.add(new Row(name, before == null ? Double.NaN : before, after == null ? Double.NaN : after, verdict));
        }
        return new BenchComparison(List.copyOf(rows), threshold);
    }

    /**
     * @return the rows that are regressions.
     */
    public List<Row> regressions()
    {
        return rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList();
    }

    /**
     * @param savedFile the saved file's name, for the heading.
     * @return the comparison as a Markdown table and a one-line verdict.
     */
    public String table(final String savedFile)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Against %s (a ratio more than %.0f%% below its saved value is a " +
            "regression)%n%n", savedFile, threshold * 100));
        out.append("| ratio | saved | now | change | verdict |\n|---|---:|---:|---:|---|\n");
        for (final Row row : rows)
        {
            out.append("| ").append(row.name()).append(" | ")
                .append(Double.isNaN(row.saved()) ? "-" : BenchResults.ratio(row.saved())).append(" | ")
                .append(Double.isNaN(row.now()) ? "-" : BenchResults.ratio(row.now())).append(" | ")
                .append(Double.isNaN(row.saved()) || Double.isNaN(row.now()) ? "-" :
                    String.format(Locale.ROOT, "%+.1f%%", (row.now() / row.saved() - 1) * 100))
                .append(" | ").append(row.verdict().text()).append(" |\n");
        }
        final List<Row> regressions = regressions();
        out.append('\n').append(regressions.isEmpty() ? "no ratio regressed" :
            regressions.size() + " ratio(s) regressed: " +
                String.join(", ", regressions.stream().map(Row::name).toList())).append('\n');
        return out.toString();
    }
}

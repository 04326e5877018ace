package io.windtunnel.cli.check;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The findings of one {@code windtunnel check}, as a terminal table, JUnit XML (one test case per stack and metric,
 * so CI systems show a regression like a failed test) and Markdown (for a pull-request comment).
 * <p>
 * <b>Threading:</b> immutable.
 *
 * @param scenarios per scenario checked, in command-line order.
 * @param strict    whether improvements beyond the tolerance fail.
 */
public record CheckReport(List<ScenarioCheck> scenarios, boolean strict)
{
    /**
     * One scenario's part.
     *
     * @param name     the scenario's name.
     * @param seconds  wall-clock time of its runs.
     * @param notes    things a reviewer should know (the scenario file changed, another seed...).
     * @param findings its findings.
     * @param report   the run's report.html, or null when the run was not written.
     */
    public record ScenarioCheck(String name, double seconds, List<String> notes, List<Finding> findings, Path report)
    {
    }

    /**
     * @return the findings that fail the check.
     */
    public List<Finding> failures()
    {
        final List<Finding> failures = new ArrayList<>();
        for (final ScenarioCheck scenario : scenarios)
        {
            for (final Finding finding : scenario.findings())
            {
                if (finding.fails(strict))
                {
                    failures.add(finding);
                }
            }
        }
        return failures;
    }

    private Map<Finding.Status, Integer> counts()
    {
        final Map<Finding.Status, Integer> counts = new LinkedHashMap<>();
        for (final Finding.Status status : Finding.Status.values())
        {
            counts.put(status, 0);
        }
        for (final ScenarioCheck scenario : scenarios)
        {
            for (final Finding finding : scenario.findings())
            {
                counts.merge(finding.status(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * @return one line: passed or failed, with the counts.
     */
    public String verdict()
    {
        final Map<Finding.Status, Integer> c = counts();
        final int failures = failures().size();
        final StringBuilder line = new StringBuilder(failures == 0 ? "check passed: " : "check FAILED: ");
        line.append(c.get(Finding.Status.HELD)).append(" held, ")
            .append(c.get(Finding.Status.REGRESSED)).append(" regressed, ")
            .append(c.get(Finding.Status.IMPROVED)).append(" improved beyond the tolerance")
            .append(strict ? " (failing: --strict)" : "");
        if (c.get(Finding.Status.NEW_STACK) + c.get(Finding.Status.MISSING_STACK) > 0)
        {
            line.append(", ").append(c.get(Finding.Status.NEW_STACK)).append(" stack(s) without a baseline, ")
                .append(c.get(Finding.Status.MISSING_STACK)).append(" missing");
        }
        if (c.get(Finding.Status.NOT_IN_BASELINE) > 0)
        {
            line.append(", ").append(c.get(Finding.Status.NOT_IN_BASELINE)).append(" not in the baseline");
        }
        return line.toString();
    }

    /**
     * @return a table per scenario for the terminal, then the verdict.
     */
    public String text()
    {
        final StringBuilder out = new StringBuilder();
        for (final ScenarioCheck scenario : scenarios)
        {
            out.append(String.format(Locale.ROOT, "%s (%.1f s)%n", scenario.name(), scenario.seconds()));
            for (final String note : scenario.notes())
            {
                out.append("  note: ").append(note).append('\n');
            }
            out.append(String.format(Locale.ROOT, "  %-24s %-28s %14s %14s %10s %10s  %s%n", "stack", "metric",
                "baseline", "now", "change", "tolerance", "result"));
            for (final Finding f : scenario.findings())
            {
                if (f.metric() == null)
                {
                    out.append(String.format(Locale.ROOT, "  %-24s %s%n", f.stack(), f.describe()));
                    continue;
                }
                out.append(String.format(Locale.ROOT, "  %-24s %-28s %14s %14s %10s %10s  %s%n", f.stack(),
                    f.metric().key(), Numbers.format(f.baseline()), Numbers.format(f.now()), shortChange(f),
                    f.tolerance(), result(f)));
            }
            out.append('\n');
        }
        for (final Finding failure : failures())
        {
            out.append(failure.scenario()).append(", ").append(failure.stack()).append(": ")
                .append(failure.describe()).append('\n');
        }
        return out.append(verdict()).append('\n').toString();
    }

    private String result(final Finding f)
    {
        final String word = switch (f.status())
        {
            case HELD -> "ok";
            case IMPROVED -> "improved";
            case REGRESSED -> "REGRESSED";
            case NOT_IN_BASELINE -> "not checked";
            default -> f.status().name().toLowerCase(Locale.ROOT);
        };
        return f.status() == Finding.Status.IMPROVED && strict ? "IMPROVED (stale baseline)" : word;
    }

    private static String shortChange(final Finding f)
    {
        if (Double.isNaN(f.baseline()) || Double.isNaN(f.now()))
        {
            return Double.isNaN(f.baseline()) && Double.isNaN(f.now()) ? "" : "n/a";
        }
        return Numbers.change(f);
    }

    /**
     * @return JUnit XML: a test suite per scenario, a test case per stack and metric (classname
     *         {@code windtunnel.SCENARIO.STACK}, name the metric); failures carry the baseline, the value and the
     *         tolerance.
     */
    public String junitXml()
    {
        final StringWriter out = new StringWriter();
        try
        {
            final XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "windtunnel check");
            x.writeAttribute("tests", Integer.toString(tests()));
            x.writeAttribute("failures", Integer.toString(failures().size()));
            x.writeCharacters("\n");
            for (final ScenarioCheck scenario : scenarios)
            {
                x.writeStartElement("testsuite");
                x.writeAttribute("name", scenario.name());
                x.writeAttribute("tests", Integer.toString(scenario.findings().size()));
                x.writeAttribute("failures", Long.toString(
                    scenario.findings().stream().filter(f -> f.fails(strict)).count()));
                x.writeAttribute("skipped", Long.toString(scenario.findings().stream()
                    .filter(f -> f.status() == Finding.Status.NOT_IN_BASELINE).count()));
                x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", scenario.seconds()));
                x.writeCharacters("\n");
                if (!scenario.notes().isEmpty())
                {
                    x.writeStartElement("system-out");
                    x.writeCharacters(String.join("\n", scenario.notes()));
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                for (final Finding f : scenario.findings())
                {
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", "windtunnel." + scenario.name() + "." + f.stack());
                    x.writeAttribute("name", f.metric() == null ? "stack" : f.metric().key());
                    x.writeAttribute("time", "0");
                    if (f.fails(strict))
                    {
                        x.writeStartElement("failure");
                        x.writeAttribute("type", f.status().name().toLowerCase(Locale.ROOT));
                        x.writeAttribute("message", f.describe());
                        if (f.metric() != null)
                        {
                            x.writeCharacters("expected: " + Numbers.format(f.baseline()) + " (baseline)\nactual: " +
                                Numbers.format(f.now()) + "\ntolerance: " + f.tolerance() + " (" +
                                f.metric().worseWay() + " is worse; allowed movement " +
                                Numbers.format(f.allowed()) + ")");
                        }
                        x.writeEndElement();
                    }
                    else if (f.status() == Finding.Status.NOT_IN_BASELINE)
                    {
                        x.writeEmptyElement("skipped");
                        x.writeAttribute("message", f.describe());
                    }
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        }
        catch (final XMLStreamException e)
        {
            throw new IllegalStateException("writing XML to a string", e);
        }
        return out.toString();
    }

    private int tests()
    {
        int n = 0;
        for (final ScenarioCheck scenario : scenarios)
        {
            n += scenario.findings().size();
        }
        return n;
    }

    /**
     * @return Markdown for a pull-request comment: the verdict, what failed or improved, notes, links to the runs'
     *         reports, and the full table folded.
     */
    public String markdown()
    {
        final StringBuilder md = new StringBuilder();
        md.append("### Windtunnel check: ").append(failures().isEmpty() ? "passed" : "**failed**").append("\n\n");
        md.append(verdict()).append("\n\n");
        final List<Finding> notable = new ArrayList<>();
        for (final ScenarioCheck scenario : scenarios)
        {
            for (final Finding f : scenario.findings())
            {
                if (f.status() != Finding.Status.HELD && f.status() != Finding.Status.NOT_IN_BASELINE)
                {
                    notable.add(f);
                }
            }
        }
        if (!notable.isEmpty())
        {
            md.append("| scenario | stack | metric | baseline | now | change | tolerance | result |\n");
            md.append("|---|---|---|---:|---:|---:|---|---|\n");
            for (final Finding f : notable)
            {
                md.append(row(f));
            }
            md.append('\n');
        }
        for (final ScenarioCheck scenario : scenarios)
        {
            for (final String note : scenario.notes())
            {
                md.append("- ").append(escape(scenario.name())).append(": ").append(escape(note)).append('\n');
            }
            if (scenario.report() != null)
            {
                md.append("- ").append(escape(scenario.name())).append(": report `").append(scenario.report())
                    .append("`\n");
            }
        }
        md.append("\n<details><summary>All metrics</summary>\n\n");
        md.append("| scenario | stack | metric | baseline | now | change | tolerance | result |\n");
        md.append("|---|---|---|---:|---:|---:|---|---|\n");
        for (final ScenarioCheck scenario : scenarios)
        {
            for (final Finding f : scenario.findings())
            {
                md.append(row(f));
            }
        }
        return md.append("\n</details>\n").toString();
    }

    private String row(final Finding f)
    {
        if (f.metric() == null)
        {
            return "| " + escape(f.scenario()) + " | " + escape(f.stack()) + " | | | | | | " + escape(f.describe()) +
                " |\n";
        }
        return "| " + escape(f.scenario()) + " | " + escape(f.stack()) + " | `" + f.metric().key() + "` | " +
            Numbers.format(f.baseline()) + " | " + Numbers.format(f.now()) + " | " + shortChange(f) + " | " +
            f.tolerance() + " | " + (f.fails(strict) ? "**" + result(f) + "**" : result(f)) + " |\n";
    }

    /** Stack and scenario names are letters, digits and a few marks, but a pipe or markup must not break a table. */
    private static String escape(final String text)
    {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", " ");
    }
}

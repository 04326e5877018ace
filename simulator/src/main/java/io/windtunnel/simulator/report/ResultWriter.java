package io.windtunnel.simulator.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.windtunnel.simulator.LatencyInterval;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.runner.RunResult;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.runner.StackSummary;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.TraceCoverage;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceTimes;
import org.HdrHistogram.HistogramLogWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a scenario's result folder: {@code summary.json}, {@code timeseries.csv}, {@code latency.hlog} and
 * {@code comparison.md} (formats in {@code docs/simulator.md}). The folder is reserved and filled through a
 * {@link RunFolder}: written under a temporary name next to the target and renamed into place atomically, so a
 * reader never sees half a result.
 * <p>
 * {@code summary.json} holds no wall-clock time, host or thread count: the same scenario and seed give the same
 * bytes.
 * <p>
 * <b>Threading:</b> stateless.
 */
public final class ResultWriter
{
    /** Version written into summaries. */
    public static final String VERSION = versionOf();
    /** Summary format version. */
    public static final int FORMAT = 1;

    private ResultWriter()
    {
    }

    /**
     * Write a new result folder, atomically: reserved first, filled in a hidden work folder, renamed into place.
     *
     * @param result the runs.
     * @param target the folder to create; must not exist.
     * @return where the results are (the target, unless it was taken meanwhile; see {@link RunFolder#commit}).
     * @throws IOException if writing fails or the target exists.
     */
    public static Path write(final ScenarioResult result, final Path target) throws IOException
    {
        final RunFolder folder;
        try
        {
            folder = RunFolder.reserve(target);
        }
        catch (final RunFolderException e)
        {
            throw new FileAlreadyExistsException(e.getMessage());
        }
        try (folder)
        {
            writeInto(result, folder.workDir());
            return folder.commit();
        }
    }

    /**
     * Write the result files into an existing folder (normally a {@link RunFolder#workDir()}). Stops with
     * {@link java.io.InterruptedIOException} when the thread is interrupted between files.
     *
     * @param result the runs.
     * @param dir    the folder to write into.
     * @throws IOException if writing fails or the thread was interrupted.
     */
    public static void writeInto(final ScenarioResult result, final Path dir) throws IOException
    {
        writeSummary(result, dir.resolve("summary.json"));
        checkInterrupt();
        writeSeries(result, dir.resolve("timeseries.csv"));
        checkInterrupt();
        writeHlog(result, dir.resolve("latency.hlog"));
        checkInterrupt();
        Files.writeString(dir.resolve("comparison.md"), comparisonMarkdown(result), StandardCharsets.UTF_8);
    }

    private static void checkInterrupt() throws java.io.InterruptedIOException
    {
        if (Thread.currentThread().isInterrupted())
        {
            throw new java.io.InterruptedIOException("interrupted while writing the results");
        }
    }

    /**
     * @param result the runs.
     * @return the content of {@code comparison.md}.
     */
    public static String comparisonMarkdown(final ScenarioResult result)
    {
        final Scenario s = result.scenario();
        final CloudModel model = s.model();
        return "# " + s.name() + ": policy stacks compared\n\n" +
            "Scenario `" + s.file() + "`, seed " + s.seed() + ", " + s.replications() + " replication(s), duration " +
            TraceDurations.format(model.durationNs) + " from " + TraceTimes.formatIso(s.startEpochNs()) +
            ", warm-up " + TraceDurations.format(model.warmupNs) + ". Every stack ran on the same traces and the " +
            "same random numbers. Cells: mean ± half-width of the 95% Student-t interval over replications.\n\n" +
            ComparisonTable.markdown(result.stacks());
    }

    static void writeSummary(final ScenarioResult result, final Path file) throws IOException
    {
        final Scenario s = result.scenario();
        final CloudModel model = s.model();
        try (OutputStream out = Files.newOutputStream(file);
            JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8))
        {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeStringField("version", VERSION);
            g.writeStringField("scenario", s.name());
            g.writeStringField("scenarioFile", s.file());
            g.writeNumberField("seed", s.seed());
            g.writeNumberField("replications", s.replications());
            g.writeStringField("start", TraceTimes.formatIso(s.startEpochNs()));
            g.writeNumberField("durationSeconds", model.durationNs / 1e9);
            g.writeNumberField("warmupSeconds", model.warmupNs / 1e9);
            g.writeNumberField("sampleIntervalSeconds", model.sampleIntervalNs / 1e9);
            g.writeObjectFieldStart("inputs");
            for (final Map.Entry<String, String> input : s.inputs().entrySet())
            {
                g.writeStringField(input.getKey(), "sha256:" + input.getValue());
            }
            g.writeEndObject();
            stringMap(g, "values", s.echo().values());
            stringMap(g, "defaults", s.echo().defaults());
            stringMap(g, "overrides", s.echo().overrides());
            writeTraceCoverage(g, s);
            g.writeArrayFieldStart("seeds");
            for (int r = 0; r < s.replications(); r++)
            {
                g.writeStartObject();
                g.writeNumberField("replication", r);
                g.writeNumberField("streamsSeed",
                    new io.windtunnel.engine.random.RandomStreams(s.seed()).forReplication(r).seed());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("stacks");
            for (final StackSummary stack : result.stacks())
            {
                g.writeStartObject();
                g.writeStringField("name", stack.stack());
                g.writeObjectFieldStart("parameters");
                for (final Map.Entry<String, String> p : stack.parameters().entrySet())
                {
                    g.writeStringField(p.getKey(), p.getValue());
                }
                g.writeEndObject();
                g.writeObjectFieldStart("metrics");
                for (final Map.Entry<String, StackSummary.Statistic> metric : stack.metrics().entrySet())
                {
                    final StackSummary.Statistic st = metric.getValue();
                    g.writeObjectFieldStart(metric.getKey());
                    number(g, "mean", st.mean());
                    number(g, "ci95", st.halfWidth95());
                    g.writeArrayFieldStart("replications");
                    for (final double v : st.values())
                    {
                        if (Double.isFinite(v))
                        {
                            g.writeNumber(v);
                        }
                        else
                        {
                            g.writeNull();
                        }
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void stringMap(final JsonGenerator g, final String name, final Map<String, String> entries)
        throws IOException
    {
        g.writeObjectFieldStart(name);
        for (final Map.Entry<String, String> entry : entries.entrySet())
        {
            g.writeStringField(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
    }

    private static void number(final JsonGenerator g, final String name, final double value) throws IOException
    {
        if (Double.isFinite(value))
        {
            g.writeNumberField(name, value);
        }
        else
        {
            g.writeNullField(name);
        }
    }

    static void writeSeries(final ScenarioResult result, final Path file) throws IOException
    {
        final Scenario s = result.scenario();
        final long intervalNs = s.model().sampleIntervalNs;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            w.write("stack,replication,time,time_s");
            for (final String column : Simulation.COLUMNS)
            {
                w.write(',');
                w.write(column);
            }
            for (final String group : Simulation.costGroups(s.model()))
            {
                w.write(",cost_usd:");
                w.write(group);
            }
            w.write('\n');
            for (final RunResult run : result.runs())
            {
                final double[][] rows = run.series();
                for (int r = 0; r < rows.length; r++)
                {
                    final long startNs = r * intervalNs;
                    w.write(run.stack());
                    w.write(',');
                    w.write(Integer.toString(run.replication()));
                    w.write(',');
                    w.write(TraceTimes.formatIso(s.startEpochNs() + startNs));
                    w.write(',');
                    w.write(Long.toString(startNs / 1_000_000_000L));
                    for (final double v : rows[r])
                    {
                        w.write(',');
                        w.write(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long)v) :
                            String.format(Locale.ROOT, "%.6g", v));
                    }
                    w.write('\n');
                }
            }
        }
    }

    static void writeHlog(final ScenarioResult result, final Path file) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("Windtunnel latency intervals, ns; timestamps are simulated seconds since " +
                TraceTimes.formatIso(result.scenario().startEpochNs()) + "; tag = stack/rN (all requests), " +
                "stack/rN/client/NAME (by client region), stack/rN/provider/NAME (by serving provider)");
            writer.outputLogFormatVersion();
            writer.setBaseTime(0);
            writer.outputLegend();
            for (final RunResult run : result.runs())
            {
                final String tag = run.stack() + "/r" + run.replication();
                for (final LatencyInterval interval : run.intervals())
                {
                    final String full = interval.group().isEmpty() ? tag : tag + "/" + interval.group();
                    writer.outputIntervalHistogram(interval.decode(full.replaceAll("[\\s,]", "_")));
                }
            }
        }
    }

    /**
     * The {@code traces} array: per trace file read, its kind, span (declared or derived), the scenario's
     * {@code beyond}, and whether and how far the run's window went outside the span ({@code applied} names the
     * reading used there, {@code none} when the window stayed inside).
     */
    private static void writeTraceCoverage(final JsonGenerator g, final Scenario s) throws IOException
    {
        g.writeArrayFieldStart("traces");
        for (final TraceCoverage trace : s.traceCoverage())
        {
            g.writeStartObject();
            g.writeStringField("file", trace.file());
            g.writeStringField("kind", trace.kind());
            g.writeObjectFieldStart("span");
            g.writeStringField("start", TraceTimes.formatIso(trace.spanStartEpochNs()));
            g.writeStringField("end", TraceTimes.formatIso(trace.spanEndEpochNs()));
            g.writeBooleanField("declared", trace.declared());
            g.writeEndObject();
            g.writeStringField("beyond", trace.beyond().label());
            g.writeStringField("applied", trace.outside() ? trace.beyond().label() : "none");
            g.writeNumberField("outsideBeforeSeconds", trace.beforeNs() / 1e9);
            g.writeNumberField("outsideAfterSeconds", trace.afterNs() / 1e9);
            if (!trace.keys().isEmpty())
            {
                g.writeArrayFieldStart("keys");
                for (final TraceCoverage.Key key : trace.keys())
                {
                    g.writeStartObject();
                    g.writeStringField("key", key.key());
                    g.writeStringField("start", TraceTimes.formatIso(key.spanStartEpochNs()));
                    g.writeStringField("end", TraceTimes.formatIso(key.spanEndEpochNs()));
                    g.writeNumberField("outsideBeforeSeconds", key.beforeNs() / 1e9);
                    g.writeNumberField("outsideAfterSeconds", key.afterNs() / 1e9);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static String versionOf()
    {
        final String version = ResultWriter.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}

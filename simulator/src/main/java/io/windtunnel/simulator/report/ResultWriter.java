package io.windtunnel.simulator.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.BoundedDecisionLog;
import io.windtunnel.simulator.policy.StoragePolicy;
import io.windtunnel.simulator.runner.HlogSpool;
import io.windtunnel.simulator.runner.RunResult;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.runner.StackSummary;
import io.windtunnel.simulator.scenario.ExplainMode;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.TraceCoverage;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceTimes;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a scenario's result folder: {@code summary.json}, {@code timeseries.csv}, {@code latency.hlog},
 * {@code comparison.md}, {@code report.html} ({@link ReportHtml}) and, unless the scenario explains nothing,
 * {@code decisions.jsonl} (formats in {@code docs/simulator.md}). The
 * folder is reserved and filled through a {@link RunFolder}: written under a temporary name next to the target and
 * renamed into place atomically, so a reader never sees half a result.
 * <p>
 * {@code latency.hlog} is not built here but concatenated from the runs' parts ({@link HlogSpool}), which the runs
 * wrote as they went; spooled to files in the folder being written, the first part becomes the file by a rename.
 * {@code timeseries.csv} formats its numbers without {@code String.format} ({@code CsvNumbers}). So writing costs
 * about a copy of the files, not a pass over every histogram.
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
    /** The explanations file's name in a result folder. */
    public static final String DECISIONS_FILE = "decisions.jsonl";

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
     * Write the result files into an existing folder (normally a {@link RunFolder#workDir()}). The runs' hlog spools
     * inside that folder ({@link io.windtunnel.simulator.runner.Runner#run(Scenario, int, Path)} with the same folder)
     * are used up: they become {@code latency.hlog}, so the result can be written there once. Stops with
     * {@link java.io.InterruptedIOException} when the thread is interrupted between files or runs.
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
        checkInterrupt();
        ReportHtml.write(result, dir.resolve("report.html"));
        if (result.scenario().explain() != ExplainMode.OFF)
        {
            checkInterrupt();
            try (OutputStream out = Files.newOutputStream(dir.resolve(DECISIONS_FILE)))
            {
                writeDecisions(result.runs(), result.scenario().model(), result.scenario().startEpochNs(), out);
            }
        }
    }

    /**
     * Write {@code decisions.jsonl}: one JSON object per line and per recorded decision, runs in the order given
     * ((stack, replication) for a {@link ScenarioResult}), each run's decisions in the order they were made, so the
     * file does not depend on the thread count. Schema in {@code docs/simulator.md}, "decisions.jsonl": any score
     * names; non-finite scores are {@code null}; an option that repeats a score name keeps its first value; an offer
     * index outside the model is written with a {@code null} name.
     *
     * @param runs         the runs; those without a decision log are skipped.
     * @param model        the model, for offers' names.
     * @param startEpochNs epoch ns of simulated time 0, for the ISO-8601 times.
     * @param out          where to write (UTF-8); closed afterwards.
     * @throws IOException if writing fails or the thread was interrupted.
     */
    static void writeDecisions(final List<RunResult> runs, final CloudModel model, final long startEpochNs,
        final OutputStream out) throws IOException
    {
        final String[] offerNames = new String[model.offers()];
        for (int offer = 0; offer < offerNames.length; offer++)
        {
            offerNames[offer] = model.describeOffer(offer);
        }
        // A storage policy's options are storage locations (StoragePolicy.DECISION_PREFIX).
        final String[] locationNames = model.storage == null ? new String[0] : model.storage.locationName;
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8))
        {
            // One object per line: no separator between root values but the newline written after each.
            g.setRootValueSeparator(null);
            for (final RunResult run : runs)
            {
                final BoundedDecisionLog log = run.decisions();
                if (log == null)
                {
                    continue;
                }
                for (int d = 0; d < log.size(); d++)
                {
                    g.writeStartObject();
                    g.writeStringField("stack", run.stack());
                    g.writeNumberField("replication", run.replication());
                    g.writeNumberField("sequence", d);
                    final long timeNs = log.timeNs(d);
                    g.writeNumberField("timeSeconds", timeNs / 1e9);
                    g.writeStringField("time", TraceTimes.formatIso(startEpochNs + timeNs));
                    g.writeStringField("policy", log.policy(d));
                    final boolean storage = log.policy(d).startsWith(StoragePolicy.DECISION_PREFIX);
                    final String[] names = storage ? locationNames : offerNames;
                    final String what = storage ? "location" : "offer";
                    g.writeArrayFieldStart("options");
                    for (int o = 0, options = log.optionCount(d); o < options; o++)
                    {
                        final int offer = log.optionOffer(d, o);
                        g.writeStartObject();
                        g.writeStringField(what, optionName(log, d, o, names, storage));
                        g.writeNumberField(what + "Index", offer);
                        g.writeObjectFieldStart("scores");
                        for (int k = 0, scores = log.scoreCount(d, o); k < scores; k++)
                        {
                            final String name = log.scoreName(d, o, k);
                            if (!repeatsName(log, d, o, k, name))
                            {
                                number(g, String.valueOf(name), log.scoreValue(d, o, k));
                            }
                        }
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    final int chosen = log.chosen(d);
                    g.writeStringField("chosen", chosenName(log, d, names, storage));
                    g.writeNumberField("chosenIndex", chosen);
                    g.writeStringField("rule", log.rule(d));
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
                checkInterrupt();
            }
        }
    }

    private static String offerName(final String[] offerNames, final int offer)
    {
        return offer >= 0 && offer < offerNames.length ? offerNames[offer] : null;
    }

    /**
     * @return option {@code o}'s name: the offer's or location's; for a storage option whose index is past the
     *     locations, its members' names joined by "+" (from {@link StoragePolicy#SCORE_LOCATION} and
     *     {@link StoragePolicy#SCORE_SECOND_LOCATION}); null if it has none.
     */
    private static String optionName(final BoundedDecisionLog log, final int d, final int o, final String[] names,
        final boolean storage)
    {
        final int index = log.optionOffer(d, o);
        if (!storage || index < names.length)
        {
            return offerName(names, index);
        }
        final String first = offerName(names, (int)score(log, d, o, StoragePolicy.SCORE_LOCATION));
        final String second = offerName(names, (int)score(log, d, o, StoragePolicy.SCORE_SECOND_LOCATION));
        return first == null ? null : second == null ? first : first + "+" + second;
    }

    /** @return the chosen option's name, as {@link #optionName} names it among the options; null if none. */
    private static String chosenName(final BoundedDecisionLog log, final int d, final String[] names,
        final boolean storage)
    {
        final int chosen = log.chosen(d);
        for (int o = 0, options = log.optionCount(d); o < options; o++)
        {
            if (log.optionOffer(d, o) == chosen)
            {
                return optionName(log, d, o, names, storage);
            }
        }
        return offerName(names, chosen);
    }

    /** @return the first score named {@code name} of option {@code o}, -1 if it has none or it is not finite. */
    private static double score(final BoundedDecisionLog log, final int d, final int o, final String name)
    {
        for (int k = 0, scores = log.scoreCount(d, o); k < scores; k++)
        {
            if (name.equals(log.scoreName(d, o, k)))
            {
                final double value = log.scoreValue(d, o, k);
                return Double.isFinite(value) ? value : -1;
            }
        }
        return -1;
    }

    private static boolean repeatsName(final BoundedDecisionLog log, final int decision, final int option,
        final int score, final String name)
    {
        for (int k = 0; k < score; k++)
        {
            if (Objects.equals(log.scoreName(decision, option, k), name))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code explanations} object: the mode, and for a sample how many decisions each run keeps at most.
     */
    private static void writeExplanations(final JsonGenerator g, final Scenario s) throws IOException
    {
        g.writeObjectFieldStart("explanations");
        g.writeStringField("mode", s.explain().label());
        if (s.explain() != ExplainMode.OFF)
        {
            g.writeStringField("file", DECISIONS_FILE);
        }
        if (s.explain() == ExplainMode.SAMPLE)
        {
            g.writeNumberField("decisionsPerRun", ExplainMode.SAMPLE_DECISIONS_PER_RUN);
        }
        g.writeEndObject();
    }

    /**
     * A stack's {@code decisions}: decisions made, recorded into {@code decisions.jsonl} and left out, summed over
     * its replications; nothing when the scenario explains none.
     */
    private static void writeDecisionCounts(final JsonGenerator g, final List<RunResult> runs, final String stack)
        throws IOException
    {
        long made = 0;
        long recorded = 0;
        boolean any = false;
        for (final RunResult run : runs)
        {
            if (run.stack().equals(stack) && run.decisions() != null)
            {
                any = true;
                made += run.decisions().made();
                recorded += run.decisions().size();
            }
        }
        if (any)
        {
            g.writeObjectFieldStart("decisions");
            g.writeNumberField("made", made);
            g.writeNumberField("recorded", recorded);
            g.writeNumberField("dropped", made - recorded);
            g.writeEndObject();
        }
    }

    static void checkInterrupt() throws java.io.InterruptedIOException
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
            "same random numbers. Cells: mean ± half-width of the 95% Student-t interval over replications." +
            (s.baselineStack() == null ? "" : " Cost saving vs " + s.baselineStack() + ": per replication, " +
                "100 (1 - cost / " + s.baselineStack() + "'s cost on the same random numbers), so its interval " +
                "is that of the paired differences.") +
            " Failed-request rate: share of requests ended timed out, rejected or failed.\n\n" +
            ComparisonTable.markdown(result.stacks(), s.baselineStack());
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
            writeExplanations(g, s);
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
                writeDecisionCounts(g, result.runs(), stack.stack());
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
        final long durationNs = s.model().durationNs;
        final CsvNumbers numbers = new CsvNumbers();
        final StringBuilder row = new StringBuilder(256);
        try (Writer w = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))
        {
            row.append("stack,replication,time,time_s,interval_s");
            for (final String column : Simulation.COLUMNS)
            {
                row.append(',').append(column);
            }
            for (final String group : Simulation.costGroups(s.model()))
            {
                row.append(",cost_usd:").append(group);
            }
            for (final String column : Simulation.transferColumns(s.model()))
            {
                row.append(',').append(column);
            }
            for (final String column : Simulation.storageColumns(s.model()))
            {
                row.append(',').append(column);
            }
            row.append('\n');
            for (final RunResult run : result.runs())
            {
                final double[][] rows = run.series();
                for (int r = 0; r < rows.length; r++)
                {
                    final long startNs = r * intervalNs;
                    row.append(run.stack()).append(',').append(run.replication()).append(',')
                        .append(TraceTimes.formatIso(s.startEpochNs() + startNs)).append(',')
                        .append(startNs / 1_000_000_000L).append(',');
                    // The row's own length: the sample interval, or less for a last, partial row.
                    numbers.append(row, (Math.min(durationNs, startNs + intervalNs) - startNs) / 1e9);
                    for (final double v : rows[r])
                    {
                        row.append(',');
                        if (v == v)
                        {
                            numbers.append(row, v);
                        }
                        // NaN, a value the row does not have (latency without measured completions): left empty.
                    }
                    row.append('\n');
                    if (row.length() >= 1 << 16)
                    {
                        w.append(row);
                        row.setLength(0);
                    }
                }
                checkInterrupt();
            }
            w.append(row);
        }
    }

    /**
     * Concatenate the runs' parts of the hlog in (stack, replication) order; the first part holds the header. Spool
     * files inside the target's folder are used up (the first is renamed to the target when it is there, the others
     * appended and removed), so that a committed result folder holds no spool.
     */
    static void writeHlog(final ScenarioResult result, final Path file) throws IOException
    {
        final List<RunResult> runs = result.runs();
        final Path folder = file.toAbsolutePath().normalize().getParent();
        final HlogSpool first = runs.get(0).hlog();
        final boolean renameFirst = inFolder(first, folder);
        if (renameFirst)
        {
            first.moveTo(file);
        }
        try (FileChannel out = renameFirst ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND) :
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE))
        {
            for (int i = renameFirst ? 1 : 0; i < runs.size(); i++)
            {
                checkInterrupt();
                final HlogSpool part = runs.get(i).hlog();
                part.transferTo(out);
                if (inFolder(part, folder))
                {
                    part.delete();
                }
            }
        }
    }

    private static boolean inFolder(final HlogSpool part, final Path folder)
    {
        return part.file() != null && folder != null &&
            folder.equals(part.file().toAbsolutePath().normalize().getParent());
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

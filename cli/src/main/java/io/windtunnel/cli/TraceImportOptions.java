package io.windtunnel.cli;

import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.SummarizingTraceReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The options every trace-reading command shares ({@code --format}, {@code --zone}, {@code --sort},
 * {@code --gaps}, {@code --step}, {@code --start}, {@code --time-unit}, {@code --key}, {@code --max-problems}), as a
 * picocli mixin that turns them into a {@link TraceReader} and
 * {@link ImportOptions}; a bad value is a {@link UserInputException} naming the option.
 */
public final class TraceImportOptions
{
    @Option(names = "--format", paramLabel = "NAME",
        description = "Input format (default: recognized from the file). Known: ${COMPLETION-CANDIDATES}",
        completionCandidates = FormatNames.class)
    private String format;

    @Option(names = "--zone", paramLabel = "ZONE",
        description = "Time zone of timestamps without an offset, e.g. UTC or Europe/Berlin (default: reject them).")
    private String zone;

    @Option(names = "--sort", description = "Sort out-of-order rows by time instead of reporting them.")
    private boolean sort;

    @Option(names = "--gaps", paramLabel = "error|zero-fill", defaultValue = "error",
        description = "Missing load-rate intervals: report them (error, the default) or fill with zero requests.")
    private String gaps;

    @Option(names = "--step", paramLabel = "DURATION",
        description = "Interval of a load-rate series, e.g. 60s, 5m, PT1M (default: from the file).")
    private String step;

    @Option(names = "--start", paramLabel = "TIME",
        description = "Time of the first row, ISO-8601 with offset, for formats with relative times (counts, "
            + "spot-availability, azure-spot-csv).")
    private String start;

    @Option(names = "--time-unit", paramLabel = "DURATION",
        description = "Length of one unit of relative time, e.g. 1s or 1h (default: 1s).")
    private String timeUnit;

    @Option(names = "--key", paramLabel = "PROVIDER/REGION/ZONE/TYPE",
        description = "Key fields for formats that do not name them (spot-availability), e.g. aws/us-east-1/"
            + "us-east-1c/g4dn.xlarge; empty fields allowed.")
    private String key;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "100",
        description = "Most problems listed per file; the rest are counted (default: ${DEFAULT-VALUE}).")
    private int maxProblems;

    /**
     * @param file the input file.
     * @return the reader named by {@code --format}, or the one that recognizes the file.
     * @throws IOException        if the file cannot be read.
     * @throws UserInputException if the file is a folder, or the format is unknown or not recognized.
     */
    public TraceReader reader(final Path file) throws IOException
    {
        TracePaths.input(null, file, "a trace file");
        try
        {
            return format == null ? TraceFormats.detect(file) : TraceFormats.byName(format);
        }
        catch (final IllegalArgumentException e)
        {
            throw new UserInputException(e.getMessage());
        }
    }

    /**
     * @return import options from the flags.
     * @throws UserInputException if a value is malformed.
     */
    public ImportOptions importOptions()
    {
        ImportOptions options = ImportOptions.defaults().withSort(sort);
        if (zone != null)
        {
            try
            {
                options = options.withZone(ZoneId.of(zone));
            }
            catch (final DateTimeException e)
            {
                throw new UserInputException("--zone: unknown time zone '" + zone + "'; use e.g. UTC, +01:00 or " +
                    "Europe/Berlin");
            }
        }
        switch (gaps.trim().toLowerCase(Locale.ROOT))
        {
            case "error":
                options = options.withGapPolicy(GapPolicy.ERROR);
                break;
            case "zero-fill":
            case "zero_fill":
                options = options.withGapPolicy(GapPolicy.ZERO_FILL);
                break;
            default:
                throw new UserInputException("--gaps: expected 'error' or 'zero-fill', got '" + gaps + "'");
        }
        if (step != null)
        {
            options = options.withStepNs(positiveDuration("--step", step));
        }
        if (timeUnit != null)
        {
            options = options.withTimeUnitNs(positiveDuration("--time-unit", timeUnit));
        }
        if (start != null)
        {
            try
            {
                options = options.withStartNs(TraceTimes.parseEpochNs(start, null));
            }
            catch (final IllegalArgumentException e)
            {
                throw new UserInputException("--start: " + e.getMessage());
            }
        }
        if (key != null)
        {
            final String[] fields = key.split("/", -1);
            if (fields.length != 4)
            {
                throw new UserInputException("--key: expected PROVIDER/REGION/ZONE/TYPE (fields may be empty), got '" +
                    key + "'");
            }
            options = options.withKey(blankToNull(fields[0]), blankToNull(fields[1]), blankToNull(fields[2]),
                blankToNull(fields[3]));
        }
        if (maxProblems < 1)
        {
            throw new UserInputException("--max-problems: must be at least 1, got " + maxProblems);
        }
        return options.withProblemLimit(maxProblems);
    }

    /**
     * Read a trace, reporting what a filtering reader left out on purpose (another OS, a reservation price, a
     * repeated snapshot) as one line on {@code notes} instead of a log record, so a user sees it with the result.
     *
     * @param reader  the format's reader.
     * @param file    the file.
     * @param options import options.
     * @param notes   where the import summary goes when rows were dropped or added.
     * @return the table.
     * @throws IOException          if the file cannot be read.
     * @throws TraceFormatException if the content has problems.
     */
    public static TraceTable read(
        final TraceReader reader, final Path file, final ImportOptions options, final PrintWriter notes)
        throws IOException, TraceFormatException
    {
        if (!(reader instanceof SummarizingTraceReader))
        {
            return reader.read(file, options);
        }
        final ImportResult result = ((SummarizingTraceReader)reader).readWithSummary(file, options);
        if (result.summary().droppedTotal() + result.summary().addedTotal() > 0)
        {
            notes.println(file + ": " + result.summary().describe());
        }
        return result.table();
    }

    private static long positiveDuration(final String option, final String text)
    {
        final long ns;
        try
        {
            ns = TraceDurations.parseNs(text);
        }
        catch (final IllegalArgumentException e)
        {
            throw new UserInputException(option + ": " + e.getMessage());
        }
        if (ns <= 0)
        {
            throw new UserInputException(option + ": must be positive, got '" + text + "'");
        }
        return ns;
    }

    private static String blankToNull(final String field)
    {
        return field.isBlank() ? null : field.trim();
    }

    /** Registered format names, for help and completion. */
    static final class FormatNames implements Iterable<String>
    {
        @Override
        public java.util.Iterator<String> iterator()
        {
            final java.util.List<String> names = new java.util.ArrayList<>();
            TraceFormats.all().forEach(reader -> names.add(reader.formatName()));
            return names.iterator();
        }
    }
}

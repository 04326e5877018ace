package io.windtunnel.cli;

import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The options every trace-reading command shares ({@code --format}, {@code --zone}, {@code --sort},
 * {@code --gaps}, {@code --step}), as a picocli mixin that turns them into a {@link TraceReader} and
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

    /**
     * @param file the input file.
     * @return the reader named by {@code --format}, or the one that recognizes the file.
     * @throws IOException        if the file cannot be read.
     * @throws UserInputException if the file is a directory, or the format is unknown or not recognized.
     */
    public TraceReader reader(final Path file) throws IOException
    {
        if (Files.isDirectory(file))
        {
            throw new UserInputException(file + " is a directory, not a trace file");
        }
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
        switch (gaps.toLowerCase(Locale.ROOT))
        {
            case "error":
                options = options.withGapPolicy(GapPolicy.ERROR);
                break;
            case "zero-fill":
                options = options.withGapPolicy(GapPolicy.ZERO_FILL);
                break;
            default:
                throw new UserInputException("--gaps: expected 'error' or 'zero-fill', got '" + gaps + "'");
        }
        if (step != null)
        {
            final long stepNs;
            try
            {
                stepNs = TraceDurations.parseNs(step);
            }
            catch (final IllegalArgumentException e)
            {
                throw new UserInputException("--step: " + e.getMessage());
            }
            if (stepNs <= 0)
            {
                throw new UserInputException("--step: must be positive, got '" + step + "'");
            }
            options = options.withStepNs(stepNs);
        }
        return options;
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

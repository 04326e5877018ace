package io.windtunnel.traces.measured;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.internal.CsvInput;
import io.windtunnel.traces.ingest.internal.TimeColumn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the Azure LLM inference request traces (Azure/AzurePublicDataset {@code AzureLLMInferenceTrace_code.csv}
 * and {@code _conv.csv}, 2023, CC-BY 4.0, from the Splitwise paper):
 * <pre>
 * TIMESTAMP,ContextTokens,GeneratedTokens
 * 2023-11-16 18:17:03.9799600,4808,10
 * </pre>
 * into a {@link TraceKind#ARRIVALS} table, one row per request at its {@code TIMESTAMP}. The value is NaN (no
 * service demand): the token counts describe the request, not its time, and are checked (whole, non-negative)
 * but not kept. Timestamps have seven fraction digits and no offset, so {@link ImportOptions#zone()} is required;
 * the dataset does not state its zone. Rows must be in time order unless {@link ImportOptions#sort()}. The key's
 * region is {@link ImportOptions#region()}, or empty.
 * <p>
 * <b>Threading:</b> stateless, may be shared. <b>Allocation:</b> import time only.
 */
public final class AzureLlmInferenceReader implements TraceReader
{
    /** The format's name. */
    public static final String FORMAT = "azure-llm-csv";

    private static final String TIMESTAMP = "TIMESTAMP";
    private static final String CONTEXT = "ContextTokens";
    private static final String GENERATED = "GeneratedTokens";

    @Override
    public String formatName()
    {
        return FORMAT;
    }

    @Override
    public TraceKind kind()
    {
        return TraceKind.ARRIVALS;
    }

    @Override
    public String description()
    {
        return "Azure LLM inference arrivals CSV (TIMESTAMP,ContextTokens,GeneratedTokens), one row per request; " +
            "--zone required";
    }

    @Override
    public boolean recognizes(final String fileName, final String head)
    {
        final String first = CsvInput.firstLine(head).trim();
        return first.startsWith(TIMESTAMP + "," + CONTEXT + "," + GENERATED);
    }

    @Override
    public TraceTable read(final Path file, final ImportOptions options) throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString(), options.problemLimit());
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.ARRIVALS);
        final int keyId = builder.keys().intern(options.region() == null ? "" : options.region());
        long rows = 0;
        try (CsvInput csv = CsvInput.open(file, problems))
        {
            final CsvInput.Header header = csv.header("the header TIMESTAMP,ContextTokens,GeneratedTokens");
            if (header != null)
            {
                final int time = header.require(TIMESTAMP, FORMAT);
                final int context = header.find(CONTEXT);
                final int generated = header.find(GENERATED);
                if (time >= 0)
                {
                    final TimeColumn times = new TimeColumn(options.zone(), TIMESTAMP,
                        "the Azure LLM inference dataset does not state its zone");
                    final int width = header.names().size();
                    long previousNs = Long.MIN_VALUE;
                    while (csv.next())
                    {
                        rows++;
                        final long line = csv.line();
                        if (!csv.checkWidth(width))
                        {
                            continue;
                        }
                        checkTokens(csv, context, CONTEXT);
                        checkTokens(csv, generated, GENERATED);
                        final long timeNs = times.parse(csv.field(time), problems, line);
                        if (timeNs == Long.MIN_VALUE)
                        {
                            continue;
                        }
                        if (timeNs < previousNs && !options.sort())
                        {
                            problems.atLine(line, TIMESTAMP, "time " + TraceTimes.formatIso(timeNs) +
                                " is before the previous row's " + TraceTimes.formatIso(previousNs) +
                                "; sort the file or import with sorting enabled");
                        }
                        previousNs = Math.max(previousNs, timeNs);
                        builder.add(timeNs, keyId, 0, Double.NaN);
                    }
                }
            }
        }
        if (!problems.hasProblems() && rows == 0)
        {
            problems.atLine(0, null, "no requests after the header");
        }
        problems.throwIfAny();
        return builder.build();
    }

    private static void checkTokens(final CsvInput csv, final int column, final String field)
    {
        if (column >= 0)
        {
            csv.count(column, field, "a token count");
        }
    }
}

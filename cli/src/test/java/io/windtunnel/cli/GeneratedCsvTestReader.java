package io.windtunnel.cli;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test-only readers of exactly what {@link io.windtunnel.traces.TraceCsvWriter} writes for load-rate and price
 * traces (no quoting, no optional columns), so that the {@code trace gen} commands that read a trace can be tested
 * end to end in this module. Registered under names no real format uses and never auto-detected; the real
 * readers live in the traces module. Public because {@link java.util.ServiceLoader} instantiates them.
 */
public abstract class GeneratedCsvTestReader implements TraceReader
{
    @Override
    public TraceTable read(final Path file, final ImportOptions options) throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString());
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        final TraceTable.Builder builder = TraceTable.builder(kind());
        int line = 0;
        while (line < lines.size() && lines.get(line).startsWith("#"))
        {
            final String comment = lines.get(line).substring(1).trim();
            if (comment.startsWith("step:"))
            {
                builder.stepNs(TraceDurations.parseNs(comment.substring("step:".length())));
            }
            line++;
        }
        if (line >= lines.size())
        {
            problems.atLine(0, null, "no header");
        }
        for (line++; line < lines.size(); line++)
        {
            final String[] fields = lines.get(line).split(",", -1);
            try
            {
                addRow(builder, fields);
            }
            catch (final RuntimeException e)
            {
                problems.atLine(line + 1, null, e.getMessage());
            }
        }
        problems.throwIfAny();
        return builder.build();
    }

    /**
     * @param builder the table being read.
     * @param fields  one data line split at commas.
     */
    abstract void addRow(TraceTable.Builder builder, String[] fields);

    /** Load-rate CSV as written: {@code time,requests} or {@code time,region,requests}. */
    public static final class Load extends GeneratedCsvTestReader
    {
        @Override
        public String formatName()
        {
            return "test-generated-load-csv";
        }

        @Override
        public TraceKind kind()
        {
            return TraceKind.LOAD_RATE;
        }

        @Override
        void addRow(final TraceTable.Builder builder, final String[] fields)
        {
            final KeyDictionary keys = builder.keys();
            final String region = fields.length == 3 ? fields[1] : "";
            builder.add(TraceTimes.parseEpochNs(fields[0], null), keys.intern(region), 0,
                Double.parseDouble(fields[fields.length - 1]));
        }
    }

    /** Price CSV as written: {@code time,provider,region,zone,instance_type,market,price_per_hour_usd}. */
    public static final class Price extends GeneratedCsvTestReader
    {
        @Override
        public String formatName()
        {
            return "test-generated-price-csv";
        }

        @Override
        public TraceKind kind()
        {
            return TraceKind.PRICE;
        }

        @Override
        void addRow(final TraceTable.Builder builder, final String[] fields)
        {
            final int key = builder.keys().intern(fields[1], fields[2], fields[3], fields[4], fields[5]);
            builder.add(TraceTimes.parseEpochNs(fields[0], null), key, 0, Double.parseDouble(fields[6]));
        }
    }
}

package io.windtunnel.traces;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a normalized trace as Windtunnel's generic CSV of its kind (specified in {@code docs/traces.md}), which
 * the generic CSV readers read back to the same rows:
 * <pre>
 *   price:     time,provider,region,zone,instance_type,market,price_per_hour_usd
 *   load-rate: # step: 1m            (comment line declaring the interval)
 *              time,requests        or  time,region,requests
 *   arrivals:  time                 plus region and service_ms when any row has them
 *   faults:    time,provider,region,zone,instance_type,kind,count
 * </pre>
 * A table with a declared span starts with a {@code # span: START/END} comment line (before {@code # step:}).
 * Times are ISO-8601 UTC with {@code Z} and only the fraction digits needed; whole numbers are written without a
 * fraction, other values with the shortest text that reads back to the same {@code double}.
 */
public final class TraceCsvWriter
{
    private TraceCsvWriter()
    {
    }

    /**
     * @param table the trace.
     * @param file  where to write it; replaced if present.
     * @throws IOException if the file cannot be written.
     */
    public static void write(final TraceTable table, final Path file) throws IOException
    {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            write(table, out);
        }
    }

    /**
     * @param table the trace.
     * @param out   where to write it; not closed.
     * @throws IOException if writing fails.
     */
    public static void write(final TraceTable table, final Writer out) throws IOException
    {
        final KeyDictionary keys = table.keys();
        final int rows = table.rowCount();
        if (table.spanDeclared())
        {
            out.write("# span: " + TraceSpan.format(table.spanStartNs(), table.spanEndNs()) + "\n");
        }
        switch (table.kind())
        {
            case PRICE:
            case TRANSFER:
                // Both are a key's fields then its value.
                out.write(table.kind() == TraceKind.PRICE ?
                    "time,provider,region,zone,instance_type,market,price_per_hour_usd\n" :
                    "time,provider,link_class,tier_from_gb,usd_per_gb\n");
                for (int row = 0; row < rows; row++)
                {
                    writeTime(out, table.timeNs(row));
                    writeKey(out, keys, table.keyId(row));
                    out.write(',');
                    out.write(number(table.value(row)));
                    out.write('\n');
                }
                break;
            case LOAD_RATE:
            {
                if (table.stepNs() > 0)
                {
                    out.write("# step: " + TraceDurations.format(table.stepNs()) + "\n");
                }
                final boolean regions = anyNonEmpty(keys, 0);
                out.write(regions ? "time,region,requests\n" : "time,requests\n");
                for (int row = 0; row < rows; row++)
                {
                    writeTime(out, table.timeNs(row));
                    if (regions)
                    {
                        out.write(',');
                        out.write(escape(keys.field(table.keyId(row), 0)));
                    }
                    out.write(',');
                    out.write(number(table.value(row)));
                    out.write('\n');
                }
                break;
            }
            case ARRIVALS:
            {
                final boolean regions = anyNonEmpty(keys, 0);
                boolean service = false;
                for (int row = 0; row < rows && !service; row++)
                {
                    service = !Double.isNaN(table.value(row));
                }
                final StringBuilder header = new StringBuilder("time" + (regions ? ",region" : "") +
                    (service ? ",service_ms" : ""));
                for (int c = 0; c < TraceTable.SIZE_COLUMNS.size(); c++)
                {
                    if (table.hasSizeColumn(c))
                    {
                        header.append(',').append(TraceTable.SIZE_COLUMNS.get(c));
                    }
                }
                out.write(header.append('\n').toString());
                for (int row = 0; row < rows; row++)
                {
                    writeTime(out, table.timeNs(row));
                    if (regions)
                    {
                        out.write(',');
                        out.write(escape(keys.field(table.keyId(row), 0)));
                    }
                    if (service)
                    {
                        out.write(',');
                        final double value = table.value(row);
                        out.write(Double.isNaN(value) ? "" : number(value));
                    }
                    for (int c = 0; c < TraceTable.SIZE_COLUMNS.size(); c++)
                    {
                        if (table.hasSizeColumn(c))
                        {
                            out.write(',');
                            final long bytes = table.sizeBytes(c, row);
                            out.write(bytes < 0 ? "" : Long.toString(bytes));
                        }
                    }
                    out.write('\n');
                }
                break;
            }
            case FAULTS:
                out.write("time,provider,region,zone,instance_type,kind,count\n");
                for (int row = 0; row < rows; row++)
                {
                    writeTime(out, table.timeNs(row));
                    writeKey(out, keys, table.keyId(row));
                    out.write(',');
                    final FaultKind kind = FaultKind.fromCode(table.code(row));
                    out.write(kind == null ? String.valueOf(table.code(row)) : kind.label());
                    out.write(',');
                    out.write(number(table.value(row)));
                    out.write('\n');
                }
                break;
            default:
                throw new IllegalStateException("unknown kind " + table.kind());
        }
    }

    private static boolean anyNonEmpty(final KeyDictionary keys, final int field)
    {
        for (int id = 0; id < keys.size(); id++)
        {
            if (!keys.field(id, field).isEmpty())
            {
                return true;
            }
        }
        return false;
    }

    private static void writeTime(final Writer out, final long epochNs) throws IOException
    {
        out.write(TraceTimes.formatIso(epochNs));
    }

    private static void writeKey(final Writer out, final KeyDictionary keys, final int keyId) throws IOException
    {
        for (int field = 0; field < keys.fieldNames().size(); field++)
        {
            out.write(',');
            out.write(escape(keys.field(keyId, field)));
        }
    }

    /**
     * @param value a finite double.
     * @return whole numbers without fraction, others with the shortest round-tripping text.
     */
    static String number(final double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        return Double.toString(value);
    }

    private static String escape(final String field)
    {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0)
        {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}

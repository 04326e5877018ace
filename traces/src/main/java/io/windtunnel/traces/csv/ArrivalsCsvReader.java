package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code arrivals-csv}, Windtunnel's generic request-arrival CSV, into a {@link TraceKind#ARRIVALS} table:
 * <pre>
 *   time,region,service_ms,request_bytes,response_bytes
 *   2024-01-01T00:00:00.125Z,eu-west,12.5,512,20480
 *   2024-01-01T00:00:00.125Z,eu-west,,,
 * </pre>
 * One row per request. {@code region} (the client's region) and {@code service_ms} (the request's service demand
 * in milliseconds) are optional columns; an empty {@code service_ms} means unknown (stored as NaN), a given one
 * must be finite and greater than 0. The optional size columns {@code request_bytes}, {@code response_bytes} and
 * {@code read_bytes} ({@link TraceTable#SIZE_COLUMNS}) give the request's sizes in bytes, whole numbers of at least 0;
 * an empty cell means unknown (stored as -1). Unlike the other generic CSVs, rows with the same region and time are not
 * duplicates: several requests can arrive within one timestamp's resolution.
 * <p>
 * <b>Threading:</b> stateless and thread-safe. <b>Allocation:</b> import-time only.
 */
public final class ArrivalsCsvReader extends GenericCsvReader
{
    /** Name on the command line. */
    public static final String FORMAT_NAME = "arrivals-csv";

    /** Largest size a cell may hold: 1 PB (2^50 bytes), the scenario's limit per request too. */
    private static final double MAX_BYTES = 0x1p50;
    private static final String REGION = "region";
    private static final String SERVICE = "service_ms";
    private static final Set<String> COLUMNS = columnSet();

    /**
     * Creates the reader; the format registry does this through the service loader.
     */
    public ArrivalsCsvReader()
    {
        super(FORMAT_NAME, TraceKind.ARRIVALS, List.of(TIME), optionalColumns(),
            "Windtunnel generic arrivals CSV: time, optional region, service_ms and request_bytes, " +
            "response_bytes, read_bytes (one row per request)");
    }

    private static List<String> optionalColumns()
    {
        final List<String> optional = columns(REGION, SERVICE);
        optional.addAll(TraceTable.SIZE_COLUMNS);
        return optional;
    }

    private static Set<String> columnSet()
    {
        final Set<String> all = new HashSet<>(optionalColumns());
        all.add(TIME);
        return Set.copyOf(all);
    }

    /**
     * Only {@code time} and this format's optional columns: {@code time} alone is too common a column to claim
     * files that have others.
     */
    @Override
    boolean recognizesColumns(final Set<String> columns)
    {
        return columns.contains(TIME) && COLUMNS.containsAll(columns);
    }

    @Override
    void parseFields(final CsvRow row, final ImportOptions options, final ParsedRow out)
    {
        out.key[0] = row.text(REGION);
        for (int c = 0; c < TraceTable.SIZE_COLUMNS.size(); c++)
        {
            final String column = TraceTable.SIZE_COLUMNS.get(c);
            if (row.has(column) && !row.text(column).isBlank())
            {
                out.sizes[c] = sizeBytes(row, column);
            }
        }
        if (row.text(SERVICE).isBlank())
        {
            out.value = Double.NaN;
            return;
        }
        final double serviceMs = row.decimal(SERVICE, "a service time in milliseconds");
        row.checkValue(SERVICE, TraceKind.ARRIVALS, 0, serviceMs, "; leave it empty when unknown");
        out.value = serviceMs;
    }

    /** @return a size cell's bytes, or -1 after reporting a problem (negative, fractional, not a number). */
    private static long sizeBytes(final CsvRow row, final String column)
    {
        final double bytes = row.decimal(column, "a size in bytes");
        if (Double.isNaN(bytes))
        {
            return -1;
        }
        if (bytes < 0 || bytes != Math.rint(bytes) || bytes > MAX_BYTES)
        {
            row.problem(column, "'" + row.text(column).trim() + "' is not a size: write a whole number of bytes from " +
                "0 to 2^50 (1 PB); leave it empty when unknown");
            return -1;
        }
        return (long)bytes;
    }
}

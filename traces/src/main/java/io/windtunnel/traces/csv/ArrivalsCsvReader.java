package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceKind;

import java.util.List;
import java.util.Set;

/**
 * Reads {@code arrivals-csv}, Windtunnel's generic request-arrival CSV, into a {@link TraceKind#ARRIVALS} table:
 * <pre>
 *   time,region,service_ms
 *   2024-01-01T00:00:00.125Z,eu-west,12.5
 *   2024-01-01T00:00:00.125Z,eu-west,
 * </pre>
 * One row per request. {@code region} (the client's region) and {@code service_ms} (the request's service demand
 * in milliseconds) are optional columns; an empty {@code service_ms} means unknown (stored as NaN), a given one
 * must be finite and greater than 0. Unlike the other generic CSVs, rows with the same region and time are not
 * duplicates: several requests can arrive within one timestamp's resolution.
 * <p>
 * <b>Threading:</b> stateless and thread-safe. <b>Allocation:</b> import-time only.
 */
public final class ArrivalsCsvReader extends GenericCsvReader
{
    /** Name on the command line. */
    public static final String FORMAT_NAME = "arrivals-csv";

    private static final String REGION = "region";
    private static final String SERVICE = "service_ms";

    /**
     * Creates the reader; the format registry does this through the service loader.
     */
    public ArrivalsCsvReader()
    {
        super(FORMAT_NAME, TraceKind.ARRIVALS, List.of(TIME), List.of(REGION, SERVICE),
            "Windtunnel generic arrivals CSV: time, optional region and service_ms (one row per request)");
    }

    /**
     * Only {@code time}, {@code region} and {@code service_ms}: {@code time} alone is too common a column to claim
     * files that have others.
     */
    @Override
    boolean recognizesColumns(final Set<String> columns)
    {
        return columns.contains(TIME) && Set.of(TIME, REGION, SERVICE).containsAll(columns);
    }

    @Override
    void parseFields(final CsvRow row, final ImportOptions options, final ParsedRow out)
    {
        out.key[0] = row.text(REGION);
        if (row.text(SERVICE).isBlank())
        {
            out.value = Double.NaN;
            return;
        }
        final double serviceMs = row.decimal(SERVICE, "a service time in milliseconds");
        row.checkValue(SERVICE, TraceKind.ARRIVALS, 0, serviceMs, "; leave it empty when unknown");
        out.value = serviceMs;
    }
}

package io.windtunnel.traces.csv;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code faults-csv}, Windtunnel's generic fault-event CSV, into a {@link TraceKind#FAULTS} table:
 * <pre>
 *   time,provider,region,zone,instance_type,kind,count
 *   2024-01-01T03:00:00Z,aws,us-east-1,us-east-1a,m5.large,preempt,2
 *   2024-01-01T04:00:00Z,aws,us-east-1,us-east-1a,,outage_start,
 * </pre>
 * {@code kind} is a {@link FaultKind} label, stored as its code. {@code count} must be a whole number of at least 1
 * for {@code preempt} and {@code failure}, a fraction in (0, 1] for {@code preempt_fraction}, at least 0 for
 * {@code capacity}; for the other kinds it may be empty (stored as 0) or a number of at least 0. {@code provider}
 * and {@code region} must not be empty; an empty {@code zone} or {@code instance_type} means the whole region or
 * every type, and those two columns and {@code count} may be left out of the header. Two rows with the same key
 * and kind at the same time are duplicates.
 * <p>
 * <b>Threading:</b> stateless and thread-safe. <b>Allocation:</b> import-time only.
 */
public final class FaultsCsvReader extends GenericCsvReader
{
    /** Name on the command line. */
    public static final String FORMAT_NAME = "faults-csv";

    private static final String KIND = "kind";
    private static final String COUNT = "count";
    private static final String KIND_LABELS = labels();

    /**
     * Creates the reader; the format registry does this through the service loader.
     */
    public FaultsCsvReader()
    {
        super(FORMAT_NAME, TraceKind.FAULTS, List.of(TIME, "provider", "region", KIND),
            List.of("zone", "instance_type", COUNT),
            "Windtunnel generic faults CSV: time,provider,region,zone,instance_type,kind,count");
    }

    private static String labels()
    {
        final List<String> labels = new ArrayList<>();
        for (final FaultKind kind : FaultKind.values())
        {
            labels.add(kind.label());
        }
        return String.join(", ", labels);
    }

    @Override
    boolean recognizesColumns(final Set<String> columns)
    {
        return columns.contains(TIME) && columns.contains(KIND);
    }

    @Override
    void parseFields(final CsvRow row, final ImportOptions options, final ParsedRow out)
    {
        out.key[0] = row.keyField("provider", TraceKind.FAULTS, 0);
        out.key[1] = row.keyField("region", TraceKind.FAULTS, 1);
        out.key[2] = row.keyField("zone", TraceKind.FAULTS, 2);
        out.key[3] = row.keyField("instance_type", TraceKind.FAULTS, 3);
        final String kindText = row.text(KIND);
        final FaultKind kind = FaultKind.fromLabel(kindText);
        if (kind == null)
        {
            row.problem(KIND, (kindText.isBlank() ? "must not be empty" : "unknown fault kind '" + kindText + "'") +
                "; use one of " + KIND_LABELS);
            out.code = -1;
            return;
        }
        out.code = kind.code();
        out.value = count(row, kind);
    }

    /**
     * Read the count: required for the kinds whose value means something on its own, else empty for 0; the
     * value's range is the shared rule ({@link TraceRules#valueProblem}), as for a binary trace.
     */
    private static double count(final CsvRow row, final FaultKind kind)
    {
        final double count;
        switch (kind)
        {
            case PREEMPT:
            case INSTANCE_FAILURE:
                count = required(row, kind, "a number of instances");
                break;
            case PREEMPT_FRACTION:
                count = required(row, kind, "a fraction of instances");
                break;
            case CAPACITY:
                count = required(row, kind, "a capacity in instances");
                break;
            default:
                if (row.text(COUNT).isBlank())
                {
                    return 0;
                }
                count = row.decimal(COUNT, "a count");
                row.checkValue(COUNT, TraceKind.FAULTS, kind.code(), count, "; it may also be empty");
                return count;
        }
        row.checkValue(COUNT, TraceKind.FAULTS, kind.code(), count, "");
        return count;
    }

    private static double required(final CsvRow row, final FaultKind kind, final String what)
    {
        if (row.text(COUNT).isBlank())
        {
            row.problem(COUNT, "count is required for kind " + kind.label() + " (" + what + ")" +
                (row.has(COUNT) ? "" : "; the header has no count column"));
            return Double.NaN;
        }
        return row.decimal(COUNT, what);
    }
}

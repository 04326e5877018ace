package io.windtunnel.traces.csv;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;

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
    String describeKey(final KeyDictionary keys, final int keyId, final int code)
    {
        final FaultKind kind = FaultKind.fromCode(code);
        return keys.describe(keyId) + " kind " + (kind == null ? String.valueOf(code) : kind.label());
    }

    @Override
    void parseFields(final CsvRow row, final ImportOptions options, final ParsedRow out)
    {
        out.key[0] = row.requiredName("provider");
        out.key[1] = row.requiredName("region");
        out.key[2] = row.text("zone");
        out.key[3] = row.text("instance_type");
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

    private static double count(final CsvRow row, final FaultKind kind)
    {
        final String text = row.text(COUNT).trim();
        switch (kind)
        {
            case PREEMPT:
            case INSTANCE_FAILURE:
            {
                final double count = required(row, kind, "a number of instances");
                if (!Double.isNaN(count) && (count < 1 || count != Math.rint(count)))
                {
                    row.problem(COUNT, "count for " + kind.label() + " must be a whole number of instances of at " +
                        "least 1, got " + text);
                }
                return count;
            }
            case PREEMPT_FRACTION:
            {
                final double fraction = required(row, kind, "a fraction of instances");
                if (!Double.isNaN(fraction) && !(fraction > 0 && fraction <= 1))
                {
                    row.problem(COUNT, "count for preempt_fraction must be a fraction in (0, 1], got " + text);
                }
                return fraction;
            }
            case CAPACITY:
            {
                final double capacity = required(row, kind, "a capacity in instances");
                if (capacity < 0)
                {
                    row.problem(COUNT, "count for capacity must be at least 0, got " + text);
                }
                return capacity;
            }
            default:
            {
                if (text.isEmpty())
                {
                    return 0;
                }
                final double value = row.decimal(COUNT, "a count");
                if (value < 0)
                {
                    row.problem(COUNT, "count must be at least 0 (or empty), got " + text);
                }
                return value;
            }
        }
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

package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceRules;
import io.windtunnel.traces.TraceTimes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code transfer-csv}, Windtunnel's generic data-transfer price CSV, into a {@link TraceKind#TRANSFER}
 * table:
 * <pre>
 *   time,provider,link_class,tier_from_gb,usd_per_gb
 *   2024-01-01T00:00:00Z,*,internet,0,0
 *   2024-01-01T00:00:00Z,*,internet,100,0.09
 *   2024-01-01T00:00:00Z,gcp,internet,0,0.12
 * </pre>
 * A row prices the GB a provider moves on a link class, for its monthly volume on that class from
 * {@code tier_from_gb} up to the next tier's start, from {@code time} until the next row of the same key (provider,
 * link class, tier). {@code provider} {@code *} applies to every provider without rows of its own for the class.
 * <p>
 * Rules beyond the common ones (each a problem at its line): {@code link_class} is one of
 * {@link TraceRules#LINK_CLASSES}; {@code tier_from_gb} and {@code usd_per_gb} are plain decimals of at least 0
 * (a tier start is normalized, so {@code 10} and {@code 10.0} are one tier); each provider's tiers of a class
 * include one from 0 from the class's first row on (reported at that row); and rows of one provider and class at one time list their
 * tiers in increasing order (a tier listed after a higher one is reported).
 * <p>
 * <b>Threading:</b> stateless and thread-safe. <b>Allocation:</b> import-time only.
 */
public final class TransferCsvReader extends GenericCsvReader
{
    /** Name on the command line. */
    public static final String FORMAT_NAME = "transfer-csv";

    private static final String PROVIDER = "provider";
    private static final String LINK_CLASS = "link_class";
    private static final String TIER = "tier_from_gb";
    private static final String PRICE = "usd_per_gb";

    /**
     * Creates the reader; the format registry does this through the service loader.
     */
    public TransferCsvReader()
    {
        super(FORMAT_NAME, TraceKind.TRANSFER, List.of(TIME, PROVIDER, LINK_CLASS, TIER, PRICE), List.of(),
            "Windtunnel generic data-transfer price CSV: time,provider,link_class,tier_from_gb,usd_per_gb");
    }

    @Override
    boolean recognizesColumns(final Set<String> columns)
    {
        return columns.contains(TIME) && columns.contains(PRICE);
    }

    @Override
    void parseFields(final CsvRow row, final ImportOptions options, final ParsedRow out)
    {
        out.key[0] = row.keyField(PROVIDER, TraceKind.TRANSFER, 0);
        out.key[1] = row.keyField(LINK_CLASS, TraceKind.TRANSFER, 1);
        final double tierGb = row.decimal(TIER, "a tier start in GB");
        if (!Double.isNaN(tierGb))
        {
            if (tierGb < 0)
            {
                row.problem(TIER, "a tier start must be at least 0 GB, got " + row.text(TIER).trim());
            }
            else
            {
                out.key[2] = TraceRules.tierFromGbKey(tierGb);
            }
        }
        final double price = row.decimal(PRICE, "a price in USD per GB");
        row.checkValue(PRICE, TraceKind.TRANSFER, 0, price, "");
        out.value = price;
    }

    @Override
    void checkAcrossRows(final CsvRead read, final int[] order)
    {
        final KeyDictionary keys = read.keys();
        final RowBuffer rows = read.rows();
        // Per provider and class: its first row, and its first row of the tier from 0 (the missing-0 rule).
        final Map<String, Integer> firstRow = new LinkedHashMap<>();
        final Map<String, Integer> firstZero = new HashMap<>();
        // Per provider and class: the previous row in time order, for the increasing-tiers rule.
        final Map<String, Integer> previous = new HashMap<>();
        for (final int row : order)
        {
            final int key = rows.keyId(row);
            final String group = keys.field(key, 0) + "\u0000" + keys.field(key, 1);
            final double tierGb = TraceRules.tierFromGb(keys.field(key, 2));
            firstRow.putIfAbsent(group, row);
            if (tierGb == 0)
            {
                firstZero.putIfAbsent(group, row);
            }
            final Integer before = previous.put(group, row);
            if (before != null && rows.timeNs(before) == rows.timeNs(row) &&
                TraceRules.tierFromGb(keys.field(rows.keyId(before), 2)) > tierGb)
            {
                read.problems().atLine(rows.line(row), TIER, "tier " + keys.field(key, 2) + " GB comes after tier " +
                    keys.field(rows.keyId(before), 2) + " GB on line " + rows.line(before) + " (same provider, " +
                    "class and time): list a class's tiers in increasing order");
            }
        }
        for (final Map.Entry<String, Integer> e : firstRow.entrySet())
        {
            final Integer zero = firstZero.get(e.getKey());
            final int first = e.getValue();
            if (zero == null || rows.timeNs(zero) > rows.timeNs(first))
            {
                final int key = rows.keyId(first);
                read.problems().atLine(rows.line(first), TIER, "provider " + keys.field(key, 0) + ", class " +
                    keys.field(key, 1) + " has no tier from 0 GB at " + TraceTimes.formatIso(rows.timeNs(first)) +
                    ": the first tier starts at the month's first byte, from the class's first row on");
            }
        }
    }
}

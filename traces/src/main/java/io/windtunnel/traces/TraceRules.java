package io.windtunnel.traces;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules every row of a trace obeys, whatever format it came from: which key fields must not be empty, which
 * codes a kind allows, and which values. The generic CSV readers apply them to each parsed row (reporting at the
 * row's line and column); the binary reader applies them to the rows of a file through {@link #checkRows}, since
 * a {@code .wtb} file with valid checksums may still hold a NaN price or an unknown fault kind. The rules that span
 * rows (duplicates, the declared span, the load-rate grid) are {@link TraceSeriesRules}, shared the same way.
 * <p>
 * Each check returns null when the input is valid, else the message, so each format reports it at its own
 * location (a CSV line and column, a binary row and column).
 * <table>
 *   <caption>Rules per kind</caption>
 *   <tr><th>kind</th><th>key fields that must not be empty</th><th>code</th><th>value</th></tr>
 *   <tr><td>price</td><td>provider, region, instance_type; market is {@code on-demand} or {@code spot}</td>
 *       <td>0</td><td>finite, at least 0 (USD per hour)</td></tr>
 *   <tr><td>load-rate</td><td>-</td><td>0</td><td>finite, at least 0 (requests)</td></tr>
 *   <tr><td>arrivals</td><td>-</td><td>0</td><td>NaN (unknown) or finite and greater than 0 (ms)</td></tr>
 *   <tr><td>faults</td><td>provider, region</td><td>a {@link FaultKind} code</td>
 *       <td>finite; per fault kind, see {@link #valueProblem}</td></tr>
 *   <tr><td>transfer</td><td>provider (a name or {@code *}); link_class one of {@link #LINK_CLASSES};
 *       tier_from_gb a volume of at least 0</td><td>0</td><td>finite, at least 0 (USD per GB)</td></tr>
 * </table>
 * <p>
 * <b>Threading:</b> stateless, thread-safe. <b>Allocation:</b> a check allocates only the message of a problem it
 * finds; {@link #checkRows} also takes one flag per key (import-time code, not for a simulation's hot path).
 */
public final class TraceRules
{
    /** The binary format's name of the time column, the field of a time problem in a binary row. */
    public static final String TIME_FIELD = "timeNs";
    /** The binary format's name of the code column, the field of a code problem in a binary row. */
    public static final String CODE_FIELD = "code";
    /** The binary format's name of the value column, the field of a value problem in a binary row. */
    public static final String VALUE_FIELD = "value";

    /**
     * The link classes of a {@link TraceKind#TRANSFER} trace, in the simulator's order (its {@code LinkClass}
     * codes): same zone, another zone of the region, another region of the provider, another provider or the
     * internet, an edge site.
     */
    public static final List<String> LINK_CLASSES =
        List.of("same-zone", "other-zone", "other-region", "internet", "edge");

    private static final String FAULT_CODES = faultCodes();

    private TraceRules()
    {
    }

    /**
     * @param kind  the trace's kind.
     * @param field index into {@link TraceKind#keyFields()}.
     * @param value the field's value as stored (a market already normalized to its label).
     * @return what is wrong with the value, or null if it is valid.
     */
    public static String keyFieldProblem(final TraceKind kind, final int field, final String value)
    {
        switch (kind)
        {
            case PRICE:
                // Fields: provider, region, zone (may be empty: a region-wide price), instance_type, market.
                if (field == 4)
                {
                    return Market.ON_DEMAND.label().equals(value) || Market.SPOT.label().equals(value) ? null :
                        "market '" + value + "' is not on-demand or spot";
                }
                return field != 2 && value.isBlank() ? "must not be empty" : null;
            case FAULTS:
                // Fields: provider, region, then zone and instance_type (empty: the whole region, every type).
                return field < 2 && value.isBlank() ? "must not be empty" : null;
            case TRANSFER:
                return transferKeyProblem(field, value);
            default:
                return null;
        }
    }

    /**
     * @param kind the trace's kind.
     * @param code a row's code.
     * @return what is wrong with the code, or null if it is valid: a known {@link FaultKind} code in a faults
     * trace, 0 in any other.
     */
    public static String codeProblem(final TraceKind kind, final int code)
    {
        if (kind == TraceKind.FAULTS)
        {
            return FaultKind.fromCode(code) != null ? null :
                "unknown fault kind code " + code + "; known codes: " + FAULT_CODES;
        }
        return code == 0 ? null : "must be 0 in " + kind.label() + " traces, got " + code;
    }

    /**
     * Check a row's value. A code that {@link #codeProblem} rejects has no value rule (null is returned): the code
     * is the problem.
     *
     * @param kind  the trace's kind.
     * @param code  the row's code (the fault kind in a faults trace).
     * @param value the row's value.
     * @param shown the value as the user wrote it, for the message (a CSV field's text), or null to show the value
     *              itself ({@link #show}); only used when there is a problem.
     * @return what is wrong with the value, or null if it is valid:
     * <ul>
     *   <li>price: USD per hour, finite and at least 0;</li>
     *   <li>load-rate: requests in an interval, finite and at least 0;</li>
     *   <li>arrivals: service demand in ms, NaN (unknown) or finite and greater than 0;</li>
     *   <li>faults: finite, and a whole number of at least 1 for {@code preempt} and {@code failure}, a fraction in
     *       (0, 1] for {@code preempt_fraction}, at least 0 for {@code capacity} and every other kind.</li>
     * </ul>
     */
    public static String valueProblem(final TraceKind kind, final int code, final double value, final String shown)
    {
        switch (kind)
        {
            case PRICE:
                return atLeastZero("price", value, shown);
            case LOAD_RATE:
                return atLeastZero("requests", value, shown);
            case ARRIVALS:
                if (Double.isNaN(value))
                {
                    return null;
                }
                if (Double.isInfinite(value))
                {
                    return "service time must be finite, got " + shown(value, shown) + " (NaN means unknown)";
                }
                return value > 0 ? null : "service time must be greater than 0 ms, got " + shown(value, shown);
            case FAULTS:
                final FaultKind fault = FaultKind.fromCode(code);
                return fault == null ? null : faultValueProblem(fault, value, shown);
            case TRANSFER:
                return atLeastZero("a price in USD per GB", value, shown);
            default:
                throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    /**
     * Key fields of a transfer trace: provider (a name or {@code *}), link class (one of {@link #LINK_CLASSES}),
     * tier start in GB (a plain decimal of at least 0, as {@link #tierFromGbKey} writes it).
     */
    private static String transferKeyProblem(final int field, final String value)
    {
        switch (field)
        {
            case 0:
                return value.isBlank() ? "must not be empty; name a provider, or * for every provider without " +
                    "rows of its own" : null;
            case 1:
                return LINK_CLASSES.contains(value) ? null : "link class '" + value + "' is not one of " +
                    String.join(", ", LINK_CLASSES);
            default:
                final double gb = tierFromGb(value);
                return gb >= 0 && tierFromGbKey(gb).equals(value) ? null : "tier start '" + value + "' is not a " +
                    "volume in GB of at least 0 (a plain decimal such as 0, 100 or 10240)";
        }
    }

    /**
     * @param key a transfer trace's {@code tier_from_gb} key field.
     * @return the volume in GB, or NaN if it is not a plain decimal.
     */
    public static double tierFromGb(final String key)
    {
        try
        {
            final double gb = Double.parseDouble(key);
            return Double.isFinite(gb) && key.matches("[0-9.eE+-]+") ? gb : Double.NaN;
        }
        catch (final NumberFormatException e)
        {
            return Double.NaN;
        }
    }

    /**
     * @param gb a tier start in GB.
     * @return the {@code tier_from_gb} key field for it: one spelling per volume ({@code 10}, not {@code 10.0}),
     * so that two rows for one tier have one key.
     */
    public static String tierFromGbKey(final double gb)
    {
        return TraceCsvWriter.number(gb + 0.0);
    }

    private static String faultValueProblem(final FaultKind fault, final double count, final String shown)
    {
        final String rule;
        if (!Double.isFinite(count))
        {
            rule = "a finite number";
        }
        else
        {
            switch (fault)
            {
                case PREEMPT:
                case INSTANCE_FAILURE:
                    rule = count >= 1 && count == Math.rint(count) ? null :
                        "a whole number of instances of at least 1";
                    break;
                case PREEMPT_FRACTION:
                    rule = count > 0 && count <= 1 ? null : "a fraction in (0, 1]";
                    break;
                default:
                    rule = count >= 0 ? null : "at least 0";
                    break;
            }
        }
        // The message is built only for a bad row: a valid one allocates nothing.
        return rule == null ? null : "count for " + fault.label() + " must be " + rule + ", got " + shown(count, shown);
    }

    private static String atLeastZero(final String what, final double value, final String shown)
    {
        if (!Double.isFinite(value))
        {
            return what + " must be a finite number, got " + shown(value, shown);
        }
        return value >= 0 ? null : what + " must be at least 0, got " + shown(value, shown);
    }

    /**
     * Check every row of a table whose rows have no lines (a binary trace): each key the first time a row uses
     * it, each code and each value, plus the step (greater than 0 in a load-rate trace with rows, 0 in any other).
     * Problems are reported at {@code row N} (rows count from 0, in the file's order, as the binary format's block
     * messages do), with the column ({@link #CODE_FIELD}, {@link #VALUE_FIELD}) or key field at fault.
     *
     * @param table    the rows.
     * @param problems where problems go; the caller throws once all rows are checked.
     */
    public static void checkRows(final TraceTable table, final ProblemCollector problems)
    {
        final TraceKind kind = table.kind();
        final KeyDictionary keys = table.keys();
        if (kind == TraceKind.LOAD_RATE && table.rowCount() > 0 && table.stepNs() <= 0)
        {
            problems.atLine(0, "stepNs", "a load-rate trace needs a step greater than 0 (the length of each " +
                "row's interval), got " + table.stepNs() + " ns");
        }
        else if (kind != TraceKind.LOAD_RATE && table.stepNs() != 0)
        {
            // Only a load-rate row lasts a step; any other step would be shown (trace validate, inspect) as if it
            // meant something.
            problems.atLine(0, "stepNs", "must be 0 in " + kind.label() + " traces (only load-rate rows last a " +
                "step), got " + table.stepNs() + " ns");
        }
        final boolean[] keyChecked = new boolean[keys.size()];
        final int fieldCount = keys.fieldNames().size();
        for (int row = 0; row < table.rowCount(); row++)
        {
            final int keyId = table.keyId(row);
            if (!keyChecked[keyId])
            {
                keyChecked[keyId] = true;
                for (int field = 0; field < fieldCount; field++)
                {
                    final String problem = keyFieldProblem(kind, field, keys.field(keyId, field));
                    if (problem != null)
                    {
                        problems.atRow(row, keys.fieldNames().get(field), problem + " (key " + keyId + ": " +
                            keys.describe(keyId) + ")");
                    }
                }
            }
            final int code = table.code(row);
            final String codeProblem = codeProblem(kind, code);
            if (codeProblem != null)
            {
                problems.atRow(row, CODE_FIELD, codeProblem);
                continue;
            }
            final double value = table.value(row);
            final String valueProblem = valueProblem(kind, code, value, null);
            if (valueProblem != null)
            {
                problems.atRow(row, VALUE_FIELD, valueProblem);
            }
        }
    }

    /**
     * @param value a stored value.
     * @return it as a message shows it: whole numbers without a fraction, {@code NaN}, {@code Infinity},
     * {@code -Infinity}.
     */
    public static String show(final double value)
    {
        return Double.isFinite(value) ? TraceCsvWriter.number(value) : Double.toString(value);
    }

    private static String shown(final double value, final String shown)
    {
        return shown != null ? shown : show(value);
    }

    private static String faultCodes()
    {
        final List<String> codes = new ArrayList<>();
        for (final FaultKind fault : FaultKind.values())
        {
            codes.add(fault.code() + " " + fault.label());
        }
        return String.join(", ", codes);
    }
}

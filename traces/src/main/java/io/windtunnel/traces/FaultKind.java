package io.windtunnel.traces;

import java.util.Locale;

/**
 * Kinds of fault event in a {@link TraceKind#FAULTS} trace, with the meaning of the row's value.
 */
public enum FaultKind
{
    /** Spot preemption of {@code value} instances (a whole number). */
    PREEMPT(1, "preempt"),
    /** Spot preemption of a fraction {@code value} in (0, 1] of the running instances. */
    PREEMPT_FRACTION(2, "preempt_fraction"),
    /** The key's capacity becomes unavailable: no new instances can be launched ({@code value} ignored, 0). */
    UNAVAILABLE(3, "unavailable"),
    /** The key's capacity becomes available again ({@code value} ignored, 0). */
    AVAILABLE(4, "available"),
    /** Capacity level: at most {@code value} instances can run from now on (a spot availability step function). */
    CAPACITY(5, "capacity"),
    /** {@code value} instances fail (hardware or software), regardless of market. */
    INSTANCE_FAILURE(6, "failure"),
    /** An outage of the key's zone (or region, when zone is empty) starts. */
    OUTAGE_START(7, "outage_start"),
    /** The outage of the key's zone (or region) ends. */
    OUTAGE_END(8, "outage_end");

    private static final FaultKind[] BY_CODE = new FaultKind[9];

    static
    {
        for (final FaultKind kind : values())
        {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;
    private final String label;

    FaultKind(final int code, final String label)
    {
        this.code = code;
        this.label = label;
    }

    /**
     * @return stable number stored in a row's {@code code} column.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return the name used in CSV files.
     */
    public String label()
    {
        return label;
    }

    /**
     * @param code a value of {@link #code()}.
     * @return the kind, or null if unknown.
     */
    public static FaultKind fromCode(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * @param label a CSV name such as {@code preempt}, case-insensitive.
     * @return the kind, or null if unknown.
     */
    public static FaultKind fromLabel(final String label)
    {
        final String lower = label.trim().toLowerCase(Locale.ROOT);
        for (final FaultKind kind : values())
        {
            if (kind.label.equals(lower))
            {
                return kind;
            }
        }
        return null;
    }
}

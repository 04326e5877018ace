package io.windtunnel.traces;

import java.util.List;

/**
 * What a normalized trace describes, and so what its key fields and its value mean.
 * <p>
 * Every kind is stored the same way, as rows of {@code (timeNs, keyId, code, value)} (see {@link TraceTable});
 * the kind says how to read them.
 */
public enum TraceKind
{
    /**
     * Price step function per key: {@code value} is USD per instance-hour from {@code timeNs} until the next row of
     * the same key. {@code code} is 0.
     */
    PRICE(1, "price", List.of("provider", "region", "zone", "instance_type", "market")),

    /**
     * Request counts per interval: {@code value} is the number of requests in {@code [timeNs, next row of the same
     * key)}, the last row lasting {@link TraceTable#stepNs()}. {@code code} is 0.
     */
    LOAD_RATE(2, "load-rate", List.of("region")),

    /**
     * One row per request: {@code value} is its service demand in milliseconds, or NaN when the trace has none.
     * {@code code} is 0.
     */
    ARRIVALS(3, "arrivals", List.of("region")),

    /**
     * Timed fault events: {@code code} is a {@link FaultKind#code()}, {@code value} its count (or fraction, or
     * capacity level, as the fault kind says).
     */
    FAULTS(4, "faults", List.of("provider", "region", "zone", "instance_type")),

    /**
     * Data-transfer price step function per key: {@code value} is USD per GB (2^30 bytes) moved on the key's link
     * class by the key's provider ({@code *}: every provider without rows of its own for that class), for the part
     * of the provider's monthly volume on that class from the key's {@code tier_from_gb} up to the next tier's
     * start, from {@code timeNs} until the next row of the same key. {@code code} is 0.
     */
    TRANSFER(5, "transfer", List.of("provider", "link_class", "tier_from_gb"));

    private static final TraceKind[] BY_CODE = {null, PRICE, LOAD_RATE, ARRIVALS, FAULTS, TRANSFER};

    private final int code;
    private final String label;
    private final List<String> keyFields;

    TraceKind(final int code, final String label, final List<String> keyFields)
    {
        this.code = code;
        this.label = label;
        this.keyFields = keyFields;
    }

    /**
     * @return stable number used in binary files.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return lower-case name used in messages and on the command line.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return names of the fields that make up a key of this kind, in order.
     */
    public List<String> keyFields()
    {
        return keyFields;
    }

    /**
     * @param code a value of {@link #code()}.
     * @return the kind, or null if the code is unknown.
     */
    public static TraceKind fromCode(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}

package io.windtunnel.traces;

import java.util.Locale;

/**
 * How an instance is bought. Stored by label in a {@link TraceKind#PRICE} key.
 */
public enum Market
{
    /** Pay as you go at a fixed list price; not preempted. */
    ON_DEMAND("on-demand"),
    /** Spare capacity at a varying, lower price; may be preempted. */
    SPOT("spot");

    private final String label;

    Market(final String label)
    {
        this.label = label;
    }

    /**
     * @return the normalized name: {@code on-demand} or {@code spot}.
     */
    public String label()
    {
        return label;
    }

    /**
     * Accepts the spellings seen in provider data: {@code on-demand}, {@code ondemand}, {@code on_demand},
     * {@code od}, {@code spot}, {@code preemptible}.
     *
     * @param text a market name, case-insensitive.
     * @return the market, or null if unknown.
     */
    public static Market parse(final String text)
    {
        switch (text.trim().toLowerCase(Locale.ROOT))
        {
            case "on-demand":
            case "ondemand":
            case "on_demand":
            case "od":
                return ON_DEMAND;
            case "spot":
            case "preemptible":
                return SPOT;
            default:
                return null;
        }
    }
}

package io.windtunnel.simulator.policy;

import java.util.List;

/**
 * The names a scenario declares, for parameters that name parts of the model (a placement's {@code providers}), and
 * the wall-clock instant of its simulated time 0, for policies that follow the calendar (a scheduled autoscaler).
 * The reader gives it to every policy it builds, before the model itself is complete.
 * <p>
 * <b>Threading:</b> immutable.
 *
 * @param providers    provider names, by provider index.
 * @param regions      region names, by region index.
 * @param clients      client region names, by client index.
 * @param startEpochNs the scenario's {@code start}: ns since 1970-01-01T00:00:00Z of simulated time 0 (the
 *                     scenario's {@code start}, else its load trace's first timestamp, else 0).
 */
public record PolicyContext(List<String> providers, List<String> regions, List<String> clients, long startEpochNs)
{
    /** Which list of names a {@link PolicyParameter.Kind#NAMES} parameter takes its values from. */
    public enum Names
    {
        /** {@link #providers()}. */
        PROVIDERS("provider"),
        /** {@link #regions()}. */
        REGIONS("region"),
        /** {@link #clients()}. */
        CLIENTS("client region");

        private final String noun;

        Names(final String noun)
        {
            this.noun = noun;
        }

        /**
         * @return what one name is, for messages ({@code provider}).
         */
        public String noun()
        {
            return noun;
        }
    }

    /**
     * A context whose simulated time 0 is 1970-01-01T00:00:00Z (for tests and embedding).
     *
     * @param providers see the record.
     * @param regions   see the record.
     * @param clients   see the record.
     */
    public PolicyContext(final List<String> providers, final List<String> regions, final List<String> clients)
    {
        this(providers, regions, clients, 0);
    }

    /**
     * Copies the lists.
     *
     * @param providers    see the record.
     * @param regions      see the record.
     * @param clients      see the record.
     * @param startEpochNs see the record.
     */
    public PolicyContext
    {
        providers = List.copyOf(providers);
        regions = List.copyOf(regions);
        clients = List.copyOf(clients);
    }

    /**
     * @param which a list.
     * @return its names, by index.
     */
    public List<String> names(final Names which)
    {
        switch (which)
        {
            case PROVIDERS:
                return providers;
            case REGIONS:
                return regions;
            default:
                return clients;
        }
    }
}

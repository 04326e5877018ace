package io.windtunnel.simulator.scenario;

/**
 * What a scenario reads where its run's window goes outside a trace's span (the scenario key {@code beyond} of
 * {@code load} and of each {@code prices} / {@code faults} file): the trace says nothing there, so the scenario
 * must. Meanings per kind are in {@code docs/simulator.md}, section "Traces outside their span".
 */
public enum Beyond
{
    /** Refuse the scenario (the default): a run that leaves the trace's span is an error naming both. */
    ERROR("error"),
    /** Nothing outside the span: no requests, no faults. Refused for prices (a price of 0 is not a reading). */
    ZERO("zero"),
    /** The trace again and again, with its span as the period, aligned at the span's start (also before it). */
    REPEAT("repeat"),
    /** The first reading before the span, the last one after it. Refused for faults and arrival logs. */
    HOLD_LAST("hold-last");

    private final String label;

    Beyond(final String label)
    {
        this.label = label;
    }

    /**
     * @return the name in scenario files and in {@code summary.json}.
     */
    public String label()
    {
        return label;
    }

    /**
     * Read the {@code beyond} key of a trace source.
     *
     * @param source the mapping that names the trace file.
     * @return its value, {@link #ERROR} when absent.
     * @throws ScenarioException if the value is not one of the labels.
     */
    public static Beyond read(final YamlNode source) throws ScenarioException
    {
        final YamlNode node = source.get("beyond");
        if (node == null)
        {
            return ERROR;
        }
        final String text = node.text();
        for (final Beyond beyond : values())
        {
            if (beyond.label.equals(text))
            {
                return beyond;
            }
        }
        throw node.error("'" + text + "' is not one of error, zero, repeat, hold-last (what the run reads where it " +
            "goes outside the trace's span)");
    }
}

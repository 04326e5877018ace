package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.policy.BoundedDecisionLog;
import io.windtunnel.simulator.policy.DecisionRecorder;

/**
 * How much of a run's placement decisions its result folder explains in {@code decisions.jsonl} (the scenario key
 * {@code explain}, or {@code windtunnel run --explain}); the file is described in {@code docs/simulator.md},
 * "decisions.jsonl", and in {@code docs/policies.md}, "Explanations".
 */
public enum ExplainMode
{
    /** Every decision of every run ({@code --explain}); memory grows with the decisions a run makes. */
    ALL("all"),
    /** The default: the first {@link #SAMPLE_DECISIONS_PER_RUN} decisions of each run, and the count of all. */
    SAMPLE("sample"),
    /** Nothing recorded and no {@code decisions.jsonl}: policies skip computing what they would record. */
    OFF("off");

    /** Decisions kept per run (one stack, one replication) in {@link #SAMPLE} mode. */
    public static final int SAMPLE_DECISIONS_PER_RUN = 100;

    /**
     * The arrays a run's log starts with. A decision with more options or scores grows them (doubling): large
     * enough that a typical run never grows, small enough for one per worker thread.
     */
    private static final int INITIAL_DECISIONS = 4096;
    private static final int INITIAL_OPTIONS = 16_384;
    private static final int INITIAL_SCORES = 65_536;

    private final String label;

    ExplainMode(final String label)
    {
        this.label = label;
    }

    /**
     * @return the name in scenario files, on the command line and in {@code summary.json}.
     */
    public String label()
    {
        return label;
    }

    /**
     * A fresh log for one run: {@link BoundedDecisionLog#growing} up to every decision ({@link #ALL}) or the first
     * {@link #SAMPLE_DECISIONS_PER_RUN} ({@link #SAMPLE}). Its first arrays are allocated here; recording allocates
     * only when a run outgrows them (then at a decision, never per request).
     *
     * @return the log, or null for {@link #OFF} (the run then records into {@link DecisionRecorder#NONE}).
     */
    public BoundedDecisionLog newLog()
    {
        return switch (this)
        {
            case ALL -> BoundedDecisionLog.growing(Integer.MAX_VALUE - 8, INITIAL_DECISIONS, INITIAL_OPTIONS,
                INITIAL_SCORES);
            case SAMPLE -> BoundedDecisionLog.growing(SAMPLE_DECISIONS_PER_RUN, SAMPLE_DECISIONS_PER_RUN,
                INITIAL_OPTIONS / 4, INITIAL_SCORES / 4);
            case OFF -> null;
        };
    }

    /**
     * @param text a label.
     * @return its mode, or null if it names none.
     */
    public static ExplainMode parse(final String text)
    {
        for (final ExplainMode mode : values())
        {
            if (mode.label.equals(text))
            {
                return mode;
            }
        }
        return null;
    }

    /**
     * Read the top-level key {@code explain} of a scenario, recording its default in the echo when absent.
     *
     * @param root the scenario's root mapping.
     * @return its value, {@link #SAMPLE} when absent.
     * @throws ScenarioException if the value is not one of the labels.
     */
    static ExplainMode read(final YamlNode root) throws ScenarioException
    {
        final YamlNode node = root.get("explain");
        if (node == null)
        {
            root.recordDefault("explain", SAMPLE.label);
            return SAMPLE;
        }
        final ExplainMode mode = parse(node.text());
        if (mode == null)
        {
            throw node.error("'" + node.text() + "' is not one of " + labels() + " (which placement decisions " +
                "decisions.jsonl explains: all of them, the first " + SAMPLE_DECISIONS_PER_RUN + " of each run, " +
                "or none)");
        }
        return mode;
    }

    /**
     * @return the labels, comma-separated, for messages.
     */
    public static String labels()
    {
        return ALL.label + ", " + SAMPLE.label + ", " + OFF.label;
    }
}

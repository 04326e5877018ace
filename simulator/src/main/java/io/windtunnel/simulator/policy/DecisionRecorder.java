package io.windtunnel.simulator.policy;

/**
 * Where a policy says why it decided: the options it weighed, their scores, its choice and the rule that made it
 * (the material of the run's explanations, {@code decisions.jsonl}). A policy gets it from
 * {@link SimulationView#decisions()} and, per decision, calls {@link #begin}, then per option {@link #option} followed
 * by that option's {@link #score}s, then {@link #chose}. Policies check {@link #enabled()} first so that a run that
 * records nothing pays nothing for the scores.
 * <p>
 * Names and rules are passed as {@code String}s that must be constants (literals or static finals), never built per
 * call: the recorder keeps the references, not copies.
 * <p>
 * <b>Threading:</b> the run's thread. <b>Allocation:</b> none; an implementation keeps a bounded record.
 */
public interface DecisionRecorder
{
    /** Records nothing: {@link #enabled()} is false and every call returns at once. */
    DecisionRecorder NONE = new DecisionRecorder()
    {
        @Override
        public boolean enabled()
        {
            return false;
        }

        @Override
        public void begin(final long nowNs, final String policy)
        {
        }

        @Override
        public void option(final int offer)
        {
        }

        @Override
        public void score(final String name, final double value)
        {
        }

        @Override
        public void chose(final int offer, final String rule)
        {
        }
    };

    /**
     * @return false if calls are thrown away (a policy may then skip computing what it would record).
     */
    boolean enabled();

    /**
     * Start a decision.
     *
     * @param nowNs  simulated time of the decision.
     * @param policy the deciding policy's YAML {@code type}, a constant.
     */
    void begin(long nowNs, String policy);

    /**
     * An option the decision considered (an offer, for placement).
     *
     * @param offer the option's index.
     */
    void option(int offer);

    /**
     * A score of the last {@link #option}.
     *
     * @param name  what it is, a constant ({@code "pricePerWorkerHourUsd"}).
     * @param value its value.
     */
    void score(String name, double value);

    /**
     * End the decision with its choice.
     *
     * @param offer the option chosen, or -1 for none.
     * @param rule  the rule that chose it, a constant ({@code "cheapest available"}).
     */
    void chose(int offer, String rule);
}

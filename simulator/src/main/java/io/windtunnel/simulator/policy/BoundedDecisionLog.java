package io.windtunnel.simulator.policy;

/**
 * A {@link DecisionRecorder} that keeps the first decisions of a run in memory, up to fixed limits set at
 * construction: decisions, options and scores in all. A decision that would pass a limit is dropped whole (what it
 * had recorded is rolled back) and counted in {@link #dropped()}; later decisions are dropped too once the decision
 * limit is reached. The arrays are made at construction, so recording never allocates.
 * <p>
 * <b>Threading:</b> the run's thread. <b>Allocation:</b> none after construction.
 */
public final class BoundedDecisionLog implements DecisionRecorder
{
    private final long[] timeNs;
    private final String[] policy;
    private final int[] firstOption;
    private final int[] chosen;
    private final String[] rule;
    private final int[] optionOffer;
    private final int[] firstScore;
    private final String[] scoreName;
    private final double[] scoreValue;

    private int decisions;
    private int options;
    private int scores;
    private long dropped;
    /** The decision being recorded: begun and not yet chosen. */
    private boolean open;
    /** The open decision no longer fits and will be dropped at {@link #chose}. */
    private boolean overflowed;

    /**
     * @param maxDecisions decisions kept.
     * @param maxOptions   options kept over all decisions.
     * @param maxScores    scores kept over all options.
     */
    public BoundedDecisionLog(final int maxDecisions, final int maxOptions, final int maxScores)
    {
        if (maxDecisions < 1 || maxOptions < 0 || maxScores < 0)
        {
            throw new IllegalArgumentException("at least one decision, and no negative limit");
        }
        timeNs = new long[maxDecisions];
        policy = new String[maxDecisions];
        firstOption = new int[maxDecisions + 1];
        chosen = new int[maxDecisions];
        rule = new String[maxDecisions];
        optionOffer = new int[maxOptions];
        firstScore = new int[maxOptions + 1];
        scoreName = new String[maxScores];
        scoreValue = new double[maxScores];
    }

    @Override
    public boolean enabled()
    {
        return true;
    }

    @Override
    public void begin(final long nowNs, final String policy)
    {
        if (open)
        {
            throw new IllegalStateException("decision of " + this.policy[Math.min(decisions, this.policy.length - 1)] +
                " begun twice without chose()");
        }
        open = true;
        overflowed = decisions == timeNs.length;
        if (!overflowed)
        {
            timeNs[decisions] = nowNs;
            this.policy[decisions] = policy;
            firstOption[decisions] = options;
        }
    }

    @Override
    public void option(final int offer)
    {
        requireOpen();
        if (overflowed || options == optionOffer.length)
        {
            overflowed = true;
            return;
        }
        optionOffer[options] = offer;
        firstScore[options] = scores;
        options++;
        firstScore[options] = scores;
    }

    @Override
    public void score(final String name, final double value)
    {
        requireOpen();
        if (options == firstOption[Math.min(decisions, timeNs.length - 1)] && !overflowed)
        {
            throw new IllegalStateException("score(" + name + ") before any option()");
        }
        if (overflowed || scores == scoreName.length)
        {
            overflowed = true;
            return;
        }
        scoreName[scores] = name;
        scoreValue[scores] = value;
        scores++;
        firstScore[options] = scores;
    }

    @Override
    public void chose(final int offer, final String rule)
    {
        requireOpen();
        open = false;
        if (overflowed)
        {
            dropped++;
            if (decisions < timeNs.length)
            {
                // Roll the partial decision back so the kept ones stay whole.
                options = firstOption[decisions];
                scores = firstScore[options];
            }
            return;
        }
        chosen[decisions] = offer;
        this.rule[decisions] = rule;
        decisions++;
        firstOption[decisions] = options;
    }

    private void requireOpen()
    {
        if (!open)
        {
            throw new IllegalStateException("no decision begun");
        }
    }

    /** @return decisions kept. */
    public int size()
    {
        return decisions;
    }

    /** @return decisions dropped because a limit was reached. */
    public long dropped()
    {
        return dropped;
    }

    /**
     * @param decision index, below {@link #size()}.
     * @return its simulated time, ns.
     */
    public long timeNs(final int decision)
    {
        return timeNs[check(decision)];
    }

    /**
     * @param decision index.
     * @return the policy that made it.
     */
    public String policy(final int decision)
    {
        return policy[check(decision)];
    }

    /**
     * @param decision index.
     * @return the option chosen, or -1.
     */
    public int chosen(final int decision)
    {
        return chosen[check(decision)];
    }

    /**
     * @param decision index.
     * @return the rule that chose it.
     */
    public String rule(final int decision)
    {
        return rule[check(decision)];
    }

    /**
     * @param decision index.
     * @return options it recorded.
     */
    public int optionCount(final int decision)
    {
        check(decision);
        return firstOption[decision + 1] - firstOption[decision];
    }

    /**
     * @param decision index.
     * @param option   position among its options.
     * @return the option's offer.
     */
    public int optionOffer(final int decision, final int option)
    {
        return optionOffer[optionIndex(decision, option)];
    }

    /**
     * @param decision index.
     * @param option   position among its options.
     * @param name     a score's name.
     * @return that score of the option, or NaN if it has none by that name.
     */
    public double score(final int decision, final int option, final String name)
    {
        final int o = optionIndex(decision, option);
        for (int s = firstScore[o]; s < firstScore[o + 1]; s++)
        {
            if (scoreName[s].equals(name))
            {
                return scoreValue[s];
            }
        }
        return Double.NaN;
    }

    private int optionIndex(final int decision, final int option)
    {
        if (option < 0 || option >= optionCount(decision))
        {
            throw new IndexOutOfBoundsException("option " + option + " of decision " + decision);
        }
        return firstOption[decision] + option;
    }

    private int check(final int decision)
    {
        if (decision < 0 || decision >= decisions)
        {
            throw new IndexOutOfBoundsException("decision " + decision + " of " + decisions);
        }
        return decision;
    }
}

package io.windtunnel.simulator.policy;

import java.util.Arrays;

/**
 * A {@link DecisionRecorder} that keeps the first decisions of a run in memory, up to a limit on decisions. Made with
 * {@link #BoundedDecisionLog(int, int, int) the constructor}, it has fixed limits on decisions, options and scores in
 * all, and its arrays are made at construction, so recording never allocates: a decision that would pass a limit is
 * dropped whole (what it had recorded is rolled back) and counted in {@link #dropped()}; later decisions are dropped
 * too once the decision limit is reached. Made with {@link #growing}, only the decision limit drops decisions: the
 * arrays start at a given capacity and double when full, so a decision with more options or scores than foreseen is
 * kept whole; recording then allocates only when an array doubles (at a decision, never on the request path).
 * <p>
 * Either way {@link #size()} + {@link #dropped()} is the number of decisions the run made, so a reader of a sample
 * knows how much it holds of the whole.
 * <p>
 * <b>Threading:</b> the run's thread; read it once the run has ended. <b>Allocation:</b> none after construction
 * for a fixed log; a growing one allocates when it doubles an array, and {@link #trim()} allocates once.
 */
public final class BoundedDecisionLog implements DecisionRecorder
{
    private final int maxDecisions;
    private final boolean growing;

    private long[] timeNs;
    private String[] policy;
    private int[] firstOption;
    private int[] chosen;
    private String[] rule;
    private int[] optionOffer;
    private int[] firstScore;
    private String[] scoreName;
    private double[] scoreValue;

    private int decisions;
    private int options;
    private int scores;
    private long dropped;
    /** The decision being recorded: begun and not yet chosen. */
    private boolean open;
    /** The open decision no longer fits and will be dropped at {@link #chose}. */
    private boolean overflowed;

    /**
     * A log with fixed limits, allocated here.
     *
     * @param maxDecisions decisions kept.
     * @param maxOptions   options kept over all decisions.
     * @param maxScores    scores kept over all options.
     */
    public BoundedDecisionLog(final int maxDecisions, final int maxOptions, final int maxScores)
    {
        this(maxDecisions, maxDecisions, maxOptions, maxScores, false);
    }

    private BoundedDecisionLog(final int maxDecisions, final int decisionCapacity, final int optionCapacity,
        final int scoreCapacity, final boolean growing)
    {
        if (maxDecisions < 1 || decisionCapacity < 1 || optionCapacity < 0 || scoreCapacity < 0 ||
            (growing && (optionCapacity < 1 || scoreCapacity < 1)))
        {
            throw new IllegalArgumentException("at least one decision, and no negative limit");
        }
        this.maxDecisions = maxDecisions;
        this.growing = growing;
        timeNs = new long[decisionCapacity];
        policy = new String[decisionCapacity];
        firstOption = new int[decisionCapacity + 1];
        chosen = new int[decisionCapacity];
        rule = new String[decisionCapacity];
        optionOffer = new int[optionCapacity];
        firstScore = new int[optionCapacity + 1];
        scoreName = new String[scoreCapacity];
        scoreValue = new double[scoreCapacity];
    }

    /**
     * A log that keeps the first {@code maxDecisions} decisions whole, however many options and scores they have,
     * starting with arrays of the given capacities and doubling them when full.
     *
     * @param maxDecisions    decisions kept; later ones are dropped and counted.
     * @param initialDecisions decisions the arrays hold before they first grow (at most {@code maxDecisions} is used).
     * @param initialOptions  options, over all decisions, before the option arrays first grow; at least 1.
     * @param initialScores   scores, over all options, before the score arrays first grow; at least 1.
     * @return the log.
     */
    public static BoundedDecisionLog growing(final int maxDecisions, final int initialDecisions,
        final int initialOptions, final int initialScores)
    {
        return new BoundedDecisionLog(maxDecisions, Math.max(1, Math.min(maxDecisions, initialDecisions)),
            initialOptions, initialScores, true);
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
        if (decisions == timeNs.length && growing && decisions < maxDecisions)
        {
            growDecisions();
        }
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
        if (!overflowed && options == optionOffer.length && growing)
        {
            optionOffer = Arrays.copyOf(optionOffer, 2 * optionOffer.length);
            firstScore = Arrays.copyOf(firstScore, optionOffer.length + 1);
        }
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
        if (!overflowed && scores == scoreName.length && growing)
        {
            scoreName = Arrays.copyOf(scoreName, 2 * scoreName.length);
            scoreValue = Arrays.copyOf(scoreValue, scoreName.length);
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

    private void growDecisions()
    {
        final int capacity = (int)Math.min(maxDecisions, 2L * timeNs.length);
        timeNs = Arrays.copyOf(timeNs, capacity);
        policy = Arrays.copyOf(policy, capacity);
        firstOption = Arrays.copyOf(firstOption, capacity + 1);
        chosen = Arrays.copyOf(chosen, capacity);
        rule = Arrays.copyOf(rule, capacity);
    }

    /**
     * Shrink the arrays to what is recorded, to hold a finished run's log for long at its size. A fixed log has no
     * room left afterwards (it drops what follows); a growing one grows again.
     *
     * @throws IllegalStateException if a decision is open.
     */
    public void trim()
    {
        if (open)
        {
            throw new IllegalStateException("a decision is open");
        }
        final int kept = Math.max(1, decisions);
        timeNs = Arrays.copyOf(timeNs, kept);
        policy = Arrays.copyOf(policy, kept);
        firstOption = Arrays.copyOf(firstOption, kept + 1);
        chosen = Arrays.copyOf(chosen, kept);
        rule = Arrays.copyOf(rule, kept);
        optionOffer = Arrays.copyOf(optionOffer, Math.max(1, options));
        firstScore = Arrays.copyOf(firstScore, optionOffer.length + 1);
        scoreName = Arrays.copyOf(scoreName, Math.max(1, scores));
        scoreValue = Arrays.copyOf(scoreValue, scoreName.length);
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

    /** @return decisions made while recording: {@link #size()} kept plus {@link #dropped()}. */
    public long made()
    {
        return decisions + dropped;
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

    /**
     * @param decision index.
     * @param option   position among its options.
     * @return the scores recorded for the option.
     */
    public int scoreCount(final int decision, final int option)
    {
        final int o = optionIndex(decision, option);
        return firstScore[o + 1] - firstScore[o];
    }

    /**
     * @param decision index.
     * @param option   position among its options.
     * @param score    position among the option's scores, in recording order.
     * @return the score's name.
     */
    public String scoreName(final int decision, final int option, final int score)
    {
        return scoreName[scoreIndex(decision, option, score)];
    }

    /**
     * @param decision index.
     * @param option   position among its options.
     * @param score    position among the option's scores, in recording order.
     * @return the score's value.
     */
    public double scoreValue(final int decision, final int option, final int score)
    {
        return scoreValue[scoreIndex(decision, option, score)];
    }

    private int scoreIndex(final int decision, final int option, final int score)
    {
        if (score < 0 || score >= scoreCount(decision, option))
        {
            throw new IndexOutOfBoundsException("score " + score + " of option " + option + " of decision " +
                decision);
        }
        return firstScore[firstOption[decision] + option] + score;
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

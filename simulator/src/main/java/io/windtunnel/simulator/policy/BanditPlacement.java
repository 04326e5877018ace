package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

import java.util.Arrays;

/**
 * Online-learning placement: a UCB1 bandit over offers (Auer, Cesa-Bianchi and Fischer, "Finite-time Analysis of the
 * Multiarmed Bandit Problem", Machine Learning 47, 2002) that learns during the run which offer gives the most
 * served requests per dollar, on time and without preemptions.
 * <p>
 * <b>Arms, pulls, rewards.</b> An arm is an allowed offer. A pull is one replica-interval: at each control decision
 * ({@link #planAllocation}, which answers false: launches still go one offer at a time) each running replica that
 * has finished booting yields one reward for its offer, covering the time since its previous one (its first covers
 * its boot, so boot time is paid for in the reward), and its end ({@link #onReplicaEnded}) yields a last one. The
 * reward, in [0, 1], is a weighted mean of three parts:
 * <ul>
 * <li>cost: {@code min(1, servedRequests x referenceCost / costUsd)} over the interval (0 if it served nothing), from
 * {@link SimulationView#replicaCompleted} and {@link SimulationView#replicaCostUsd}, where {@code referenceCost} is
 * the cost per request of the cheapest allowed offer (per worker-speed, at the first decision's prices) kept fully
 * busy: {@code pricePerWorkerSpeedHour x meanService / 1 h};</li>
 * <li>latency: the share of the replica's attempts ended in the interval that completed within the scenario's
 * latency objective ({@link #onResponse}; 0 if none ended);</li>
 * <li>preemption: 0 once the replica has had a preemption notice ({@link #onReplicaLost} with
 * {@link FailoverPolicy#PREEMPTION}), else 1. Failures and outages do not count against the offer.</li>
 * </ul>
 * A replica scaled down or failed without having served or received anything yields no reward (it says nothing of
 * its offer).
 * <p>
 * <b>Choice.</b> Among the available allowed offers: an offer never rewarded and with no active replica comes first
 * (the cheapest such: rule {@value #RULE_UNTRIED}); otherwise the highest UCB1 index {@code mean + c sqrt(2 ln n /
 * n_j)} among rewarded offers, where {@code n_j} is the offer's rewards, {@code n} all offers' and {@code c} the
 * {@code exploration} parameter (1 is UCB1 as published); the rule is {@value #RULE_EXPLOIT} when the chosen offer
 * also has the highest mean, else {@value #RULE_BONUS}. If every available offer has been tried but none has a reward
 * yet (the first replicas are still booting), the cheapest is chosen ({@value #RULE_AWAITING}): one replica per offer
 * is the exploration, and replicas stay where they were launched, so spreading more would keep the dear ones running.
 * Ties go to the
 * lower offer index: UCB1 needs no random draws, so the policy makes none.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none per request ({@link #onResponse}); per-replica
 * arrays grow (doubling) at decisions.
 */
public final class BanditPlacement implements PlacementPolicy, ResponseListener
{
    /** Its YAML type, also its name in the decision record. */
    public static final String TYPE = "bandit";
    /** Rule: an offer not yet tried. */
    public static final String RULE_UNTRIED = "explore: untried offer";
    /** Rule: the highest UCB1 index is also the highest mean. */
    public static final String RULE_EXPLOIT = "exploit: highest estimate";
    /** Rule: the highest UCB1 index is not the highest mean: the exploration bonus decided. */
    public static final String RULE_BONUS = "explore: exploration bonus";
    /** Rule: every available offer has been tried but none has a reward yet. */
    public static final String RULE_AWAITING = "awaiting first rewards: cheapest";
    /** Rule: nothing to launch. */
    public static final String RULE_NONE = "no available allowed offer";

    private static final double NS_PER_HOUR = 3.6e12;

    private final OfferFilter allowed;
    private final double exploration;
    private final double costWeight;
    private final double latencyWeight;
    private final double preemptionWeight;

    private long[] pulls;
    private double[] rewardSum;
    private long totalPulls;
    private double referenceCostPerRequestUsd = Double.NaN;
    private long sloNs = Long.MAX_VALUE;

    private double[] lastCostUsd = new double[64];
    private long[] lastCompleted = new long[64];
    private long[] lastRewardNs = new long[64];
    private int[] attemptsEnded = new int[64];
    private int[] attemptsOnTime = new int[64];
    private boolean[] preempted = new boolean[64];
    private final OpenReplicas open = new OpenReplicas();

    /**
     * @param allowedMarket    per market code ({@link CloudModel#ON_DEMAND}, {@link CloudModel#SPOT}): may it be
     *                         used.
     * @param allowedProvider  per provider index: may it be used.
     * @param exploration      {@code c}, the weight of UCB1's bonus (at least 0).
     * @param costWeight       weight of the cost part of the reward (at least 0).
     * @param latencyWeight    weight of the latency part (at least 0).
     * @param preemptionWeight weight of the preemption part (at least 0).
     * @throws IllegalArgumentException if the three weights add up to 0.
     */
    public BanditPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider, final double exploration,
        final double costWeight, final double latencyWeight, final double preemptionWeight)
    {
        final double weights = costWeight + latencyWeight + preemptionWeight;
        if (!(weights > 0))
        {
            throw new IllegalArgumentException("costWeight, latencyWeight and preemptionWeight are all 0: the " +
                "reward would be 0 whatever happens; give at least one a positive weight");
        }
        this.allowed = new OfferFilter(allowedMarket, allowedProvider);
        this.exploration = exploration;
        this.costWeight = costWeight / weights;
        this.latencyWeight = latencyWeight / weights;
        this.preemptionWeight = preemptionWeight / weights;
    }

    @Override
    public boolean planAllocation(final SimulationView view, final int desiredReplicas, final int[] replicasPerOffer)
    {
        prepare(view);
        final long nowNs = view.nowNs();
        for (int i = open.size() - 1; i >= 0; i--)
        {
            final int replica = open.get(i);
            final int state = view.replicaState(replica);
            if (OpenReplicas.ended(state))
            {
                // Its end was not reported to this policy: its last reward now.
                open.remove(replica);
                rewardLast(view, replica);
            }
            else if (state != SimulationView.PROVISIONING && nowNs > lastRewardNs[replica])
            {
                reward(view, replica);
            }
        }
        return false;
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        prepare(view);
        final CloudModel model = view.model();
        final DecisionRecorder decisions = view.decisions();
        final boolean recording = decisions.enabled();
        if (recording)
        {
            decisions.begin(view.nowNs(), TYPE);
        }
        final double logPulls = Math.log(Math.max(1, totalPulls));
        int untried = -1;
        double untriedPrice = Double.MAX_VALUE;
        int awaiting = -1;
        double awaitingPrice = Double.MAX_VALUE;
        int best = -1;
        double bestIndex = Double.NEGATIVE_INFINITY;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            if (!allowed.allows(model, offer) || !view.offerAvailable(offer))
            {
                continue;
            }
            final double price = OfferFilter.perWorkerSpeed(model, offer, view.offerPricePerHourUsd(offer));
            final long count = pulls[offer];
            if (recording)
            {
                decisions.option(offer);
                decisions.score("pricePerWorkerHourUsd", price);
                decisions.score("count", count);
            }
            if (count == 0)
            {
                final int active = view.offerActiveReplicas(offer);
                if (recording)
                {
                    decisions.score("activeReplicas", active);
                }
                if (active == 0 && price < untriedPrice)
                {
                    untried = offer;
                    untriedPrice = price;
                }
                else if (active > 0 && price < awaitingPrice)
                {
                    awaiting = offer;
                    awaitingPrice = price;
                }
                continue;
            }
            final double mean = rewardSum[offer] / count;
            final double bonus = exploration * Math.sqrt(2 * logPulls / count);
            if (recording)
            {
                decisions.score("estimate", mean);
                decisions.score("bonus", bonus);
                decisions.score("ucb", mean + bonus);
            }
            if (mean + bonus > bestIndex)
            {
                bestIndex = mean + bonus;
                best = offer;
            }
            bestMean = Math.max(bestMean, mean);
        }
        final int chosen;
        final String rule;
        if (untried >= 0)
        {
            chosen = untried;
            rule = RULE_UNTRIED;
        }
        else if (best >= 0)
        {
            chosen = best;
            rule = rewardSum[best] / pulls[best] >= bestMean ? RULE_EXPLOIT : RULE_BONUS;
        }
        else
        {
            chosen = awaiting;
            rule = awaiting >= 0 ? RULE_AWAITING : RULE_NONE;
        }
        if (recording)
        {
            decisions.chose(chosen, rule);
        }
        return chosen;
    }

    @Override
    public void onReplicaLost(final SimulationView view, final int replica, final int reason)
    {
        if (reason == FailoverPolicy.PREEMPTION)
        {
            ensureReplicas(replica + 1);
            preempted[replica] = true;
        }
    }

    @Override
    public void onReplicaEnded(final SimulationView view, final int replica, final int finalState)
    {
        prepare(view);
        if (open.remove(replica))
        {
            rewardLast(view, replica);
        }
    }

    /**
     * Counts the attempt toward its replica's on-time share. Allocation-free; ignores a rejection by the balancer
     * (replica -1).
     */
    @Override
    public void onResponse(final SimulationView view, final int replica, final int outcome, final long latencyNs)
    {
        if (replica < 0 || replica >= attemptsEnded.length)
        {
            return;
        }
        attemptsEnded[replica]++;
        if (outcome == COMPLETED && latencyNs <= sloNs)
        {
            attemptsOnTime[replica]++;
        }
    }

    /**
     * @param offer an offer.
     * @return its rewards so far (pulls).
     */
    public long pulls(final int offer)
    {
        return pulls == null ? 0 : pulls[offer];
    }

    /**
     * @param offer an offer.
     * @return its mean reward so far, or 0 if none.
     */
    public double meanReward(final int offer)
    {
        return pulls(offer) == 0 ? 0 : rewardSum[offer] / pulls[offer];
    }

    /** The replica's last reward, unless it ended having served and received nothing and without a preemption. */
    private void rewardLast(final SimulationView view, final int replica)
    {
        if (preempted[replica] || attemptsEnded[replica] > 0 ||
            view.replicaCompleted(replica) > lastCompleted[replica])
        {
            reward(view, replica);
        }
    }

    /** One pull of the replica's offer, covering the replica's time since its previous one. */
    private void reward(final SimulationView view, final int replica)
    {
        final int offer = view.replicaOffer(replica);
        final double costUsd = view.replicaCostUsd(replica);
        final long completed = view.replicaCompleted(replica);
        final double intervalCostUsd = costUsd - lastCostUsd[replica];
        final long served = completed - lastCompleted[replica];
        final double costPart;
        if (served == 0)
        {
            costPart = 0;
        }
        else if (intervalCostUsd <= 0)
        {
            // A refund at the end (billing rounds the last unit back) can make the last interval free.
            costPart = 1;
        }
        else
        {
            costPart = Math.min(1, served * referenceCostPerRequestUsd / intervalCostUsd);
        }
        final int attempts = attemptsEnded[replica];
        final double latencyPart = attempts == 0 ? 0 : (double)attemptsOnTime[replica] / attempts;
        final double preemptionPart = preempted[replica] ? 0 : 1;
        rewardSum[offer] += costWeight * costPart + latencyWeight * latencyPart + preemptionWeight * preemptionPart;
        pulls[offer]++;
        totalPulls++;
        lastCostUsd[replica] = costUsd;
        lastCompleted[replica] = completed;
        lastRewardNs[replica] = view.nowNs();
        attemptsEnded[replica] = 0;
        attemptsOnTime[replica] = 0;
    }

    /** Per-offer state and the reference cost at the first call; the replicas launched since the last call. */
    private void prepare(final SimulationView view)
    {
        final CloudModel model = view.model();
        if (pulls == null)
        {
            pulls = new long[model.offers()];
            rewardSum = new double[model.offers()];
            sloNs = model.sloLatencyNs > 0 ? model.sloLatencyNs : Long.MAX_VALUE;
            double cheapest = Double.MAX_VALUE;
            for (int offer = 0; offer < model.offers(); offer++)
            {
                if (allowed.allows(model, offer))
                {
                    cheapest = Math.min(cheapest,
                        OfferFilter.perWorkerSpeed(model, offer, view.offerPricePerHourUsd(offer)));
                }
            }
            referenceCostPerRequestUsd =
                cheapest == Double.MAX_VALUE ? 0 : cheapest * model.serviceMeanNs / NS_PER_HOUR;
        }
        // The replica chooseOffer is about to place gets index replicaCount().
        ensureReplicas(view.replicaCount() + 1);
        open.catchUp(view);
    }

    private void ensureReplicas(final int replicas)
    {
        if (replicas <= lastCostUsd.length)
        {
            return;
        }
        final int length = Math.max(replicas, 2 * lastCostUsd.length);
        lastCostUsd = Arrays.copyOf(lastCostUsd, length);
        lastCompleted = Arrays.copyOf(lastCompleted, length);
        lastRewardNs = Arrays.copyOf(lastRewardNs, length);
        attemptsEnded = Arrays.copyOf(attemptsEnded, length);
        attemptsOnTime = Arrays.copyOf(attemptsOnTime, length);
        preempted = Arrays.copyOf(preempted, length);
    }

    /** Registry entry: {@code type: bandit}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "UCB1 bandit over offers, learning served requests per dollar, on-time share and preemptions",
                OfferFilter.markets(),
                OfferFilter.providers(),
                PolicyParameter.number("exploration", 0, 10).defaultValue(0.25)
                    .doc("weight c of UCB1's bonus c sqrt(2 ln n / n_j); 1 is UCB1 as published, 0 never explores " +
                        "after each offer's first reward").build(),
                PolicyParameter.number("costWeight", 0, 1).defaultValue(0.5)
                    .doc("weight of served requests per dollar in the reward").build(),
                PolicyParameter.number("latencyWeight", 0, 1).defaultValue(0.25)
                    .doc("weight of the share of attempts on time (within the scenario's latency objective)").build(),
                PolicyParameter.number("preemptionWeight", 0, 1).defaultValue(0.25)
                    .doc("weight of not being preempted").build());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new BanditPlacement(OfferFilter.marketMask(arguments), OfferFilter.providerMask(arguments),
                arguments.getDouble("exploration"), arguments.getDouble("costWeight"),
                arguments.getDouble("latencyWeight"), arguments.getDouble("preemptionWeight"));
        }
    }
}

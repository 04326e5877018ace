package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.model.CloudModel;

import java.util.Arrays;

/**
 * The common part of SkyPilot's managed-job recovery strategies ({@code sky/jobs/recovery_strategy.py},
 * skypilot-org/skypilot commit 027bbcd), mapped onto a service of several replicas: each lost replica is one "job" to
 * recover, and the launches the simulation asks for recover them in the order they were lost; a launch with no loss
 * waiting is a first launch ({@code launch()}, retried forever).
 * <p>
 * A recovery has two steps, as {@code recover()}: a <b>first step</b> that the strategy constrains (FAILOVER: the lost
 * replica's region, instance type and market; EAGER_NEXT_REGION: anywhere but the lost replica's region), tried up to
 * {@code firstAttempts} times ({@code _launch}'s default {@code max_retry=3}), then <b>anywhere</b> allowed, up to
 * {@code anywhereAttempts} times ({@code _MAX_RETRY_CNT = 240}), after which it waits the initial gap without jitter
 * and starts anywhere again, forever. An attempt is SkyPilot's {@code sky.launch}: it fails over through every
 * candidate in one go, so here it takes the cheapest available offer of the step (price per worker-speed, ties to the
 * lower offer index, as {@link CheapestPricePlacement}) and fails only when none is available. After a failed attempt
 * the policy backs off ({@link RelaunchBackoff}: {@link #chooseOffer} answers -1 and {@link #retryLaunchAtNs} gives the
 * gap's end); the last failed attempt of the first step goes on to anywhere at once, with a fresh backoff, as SkyPilot
 * does. A successful launch ends the job, and the next job starts with a fresh backoff (SkyPilot makes a new
 * {@code Backoff} per {@code _launch}). A loss while no other loss is waiting starts its recovery at once, even if a
 * first launch was backing off.
 * <p>
 * Every call is recorded through {@link SimulationView#decisions()}: the allowed offers with their price per
 * worker-hour, whether they are available and whether the step excludes them, and the rule.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none, except when more losses wait at once than ever
 * before (the queue doubles).
 */
abstract class SkyPilotRecovery implements PlacementPolicy
{
    /** Score: the offer's price now divided by its workers times speed, USD per worker-hour. */
    static final String PRICE = "pricePerWorkerHourUsd";
    /** Score: 1 if the offer can be launched now. */
    static final String AVAILABLE = "available";
    /** Score: 1 if the step tried excludes the offer (outside the same region, or inside the preempted one). */
    static final String EXCLUDED = "excluded";
    /** Rule: a recovery's launch anywhere, after its first step. */
    static final String RULE_RELAUNCH_ANYWHERE = "relaunch anywhere, cheapest first";
    /** Rule: a launch with no loss waiting. */
    static final String RULE_LAUNCH = "cheapest first";
    /** Rule: asked during a backoff. */
    static final String RULE_BACKING_OFF = "backing off";
    /** Rule: nothing available anywhere allowed; a backoff starts. */
    static final String RULE_NONE_AVAILABLE = "none available: backing off";
    /** Rule: the anywhere step used its attempts; wait the initial gap and start it again. */
    static final String RULE_ATTEMPTS_USED = "attempts used up: waiting the initial gap";

    private final boolean[] allowedMarket;
    private final boolean[] allowedProvider;
    private final long initialBackoffNs;
    private final int firstAttempts;
    private final int anywhereAttempts;
    private final RelaunchBackoff backoff;
    private final String type;
    private final String firstStepRule;
    private final String firstStepBackOffRule;
    private final String firstStepUsedUpRule;
    private RandomStream random;

    /** Offers of the lost replicas waiting for recovery, oldest at {@link #head}. */
    private int[] lostOffers = new int[8];
    private int head;
    private int waiting;
    /** The current job's first step is over (used up, or moved past). */
    private boolean firstStepDone;
    /** Failed attempts in the current step. */
    private int failedAttempts;
    private long backoffUntilNs = Long.MIN_VALUE;

    /**
     * @param settings             the strategy's parameters.
     * @param type                 the policy's YAML {@code type}, recorded with its decisions.
     * @param firstStepRule        the rule of a launch made by the first step (a constant).
     * @param firstStepBackOffRule the rule of a failed first-step attempt that backs off (a constant).
     * @param firstStepUsedUpRule  the rule of the first step's last failed attempt, which goes on to anywhere at once
     *                             (a constant).
     */
    SkyPilotRecovery(final Settings settings, final String type, final String firstStepRule,
        final String firstStepBackOffRule, final String firstStepUsedUpRule)
    {
        this.type = type;
        this.firstStepRule = firstStepRule;
        this.firstStepBackOffRule = firstStepBackOffRule;
        this.firstStepUsedUpRule = firstStepUsedUpRule;
        this.allowedMarket = settings.allowedMarket.clone();
        this.allowedProvider = settings.allowedProvider.clone();
        this.initialBackoffNs = settings.initialBackoffNs;
        this.firstAttempts = settings.firstAttempts;
        this.anywhereAttempts = settings.anywhereAttempts;
        this.backoff = new RelaunchBackoff(settings.initialBackoffNs, settings.backoffMultiplier,
            settings.backoffJitter, settings.maxBackoffFactor);
    }

    /**
     * @param model     the model.
     * @param lostOffer the lost replica's offer.
     * @return true if the first step is worth trying for this loss.
     */
    abstract boolean firstStepApplies(CloudModel model, int lostOffer);

    /**
     * @param model     the model.
     * @param lostOffer the lost replica's offer.
     * @param offer     an allowed offer.
     * @return true if the first step may launch it.
     */
    abstract boolean firstStepAllows(CloudModel model, int lostOffer, int offer);

    /**
     * @param model the model.
     * @param offer an offer.
     * @return true if the markets and providers parameters allow it.
     */
    final boolean allowed(final CloudModel model, final int offer)
    {
        return allowedMarket[model.offerMarket[offer]] && allowedProvider[model.typeProvider[model.offerType[offer]]];
    }

    @Override
    public final void onReplicaLost(final SimulationView view, final int replica, final int reason)
    {
        if (waiting == lostOffers.length)
        {
            final int[] grown = new int[2 * waiting];
            for (int i = 0; i < waiting; i++)
            {
                grown[i] = lostOffers[(head + i) % waiting];
            }
            lostOffers = grown;
            head = 0;
        }
        lostOffers[(head + waiting) % lostOffers.length] = view.replicaOffer(replica);
        waiting++;
        if (waiting == 1)
        {
            // A new job: SkyPilot's recover() starts at once, with its own backoff.
            startJob();
            backoffUntilNs = Long.MIN_VALUE;
        }
    }

    @Override
    public final int chooseOffer(final SimulationView view)
    {
        final long nowNs = view.nowNs();
        final DecisionRecorder decisions = view.decisions();
        if (nowNs < backoffUntilNs)
        {
            if (decisions.enabled())
            {
                decisions.begin(nowNs, type);
                decisions.chose(-1, RULE_BACKING_OFF);
            }
            return -1;
        }
        final CloudModel model = view.model();
        while (true)
        {
            final boolean recovering = waiting > 0;
            final int lostOffer = recovering ? lostOffers[head] : -1;
            final boolean first = recovering && !firstStepDone && firstStepApplies(model, lostOffer);
            final int offer = cheapest(view, model, decisions, first, lostOffer);
            if (offer >= 0)
            {
                if (decisions.enabled())
                {
                    decisions.chose(offer, first ? firstStepRule : recovering ? RULE_RELAUNCH_ANYWHERE : RULE_LAUNCH);
                }
                if (recovering)
                {
                    head = (head + 1) % lostOffers.length;
                    waiting--;
                }
                startJob();
                return offer;
            }
            failedAttempts++;
            if (first && failedAttempts >= firstAttempts)
            {
                if (decisions.enabled())
                {
                    decisions.chose(-1, firstStepUsedUpRule);
                }
                firstStepDone = true;
                failedAttempts = 0;
                backoff.reset();
                continue;
            }
            if (recovering && !first && failedAttempts >= anywhereAttempts)
            {
                if (decisions.enabled())
                {
                    decisions.chose(-1, RULE_ATTEMPTS_USED);
                }
                firstStepDone = true;
                failedAttempts = 0;
                backoff.reset();
                backoffUntilNs = nowNs + initialBackoffNs;
                return -1;
            }
            if (random == null)
            {
                random = view.random(PolicySlot.PLACEMENT);
            }
            backoffUntilNs = nowNs + Math.max(1, (long)Math.ceil(backoff.nextGapNs(random)));
            if (decisions.enabled())
            {
                decisions.chose(-1, first ? firstStepBackOffRule : RULE_NONE_AVAILABLE);
            }
            return -1;
        }
    }

    @Override
    public final long retryLaunchAtNs(final SimulationView view)
    {
        return backoffUntilNs > view.nowNs() ? backoffUntilNs : -1;
    }

    /** A job starts: its first step, no failed attempt, a fresh backoff. */
    private void startJob()
    {
        firstStepDone = false;
        failedAttempts = 0;
        backoff.reset();
    }

    /** One attempt: the cheapest available allowed offer of the step, recorded with every allowed offer. */
    private int cheapest(final SimulationView view, final CloudModel model, final DecisionRecorder decisions,
        final boolean first, final int lostOffer)
    {
        final boolean recording = decisions.enabled();
        if (recording)
        {
            decisions.begin(view.nowNs(), type);
        }
        int best = -1;
        double bestPrice = Double.MAX_VALUE;
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            if (!allowed(model, offer))
            {
                continue;
            }
            final double price = OfferFilter.pricePerWorkerSpeedHourUsd(view, model, offer);
            final boolean excluded = first && !firstStepAllows(model, lostOffer, offer);
            final boolean available = view.offerAvailable(offer);
            if (recording)
            {
                decisions.option(offer);
                decisions.score(PRICE, price);
                decisions.score(AVAILABLE, available ? 1 : 0);
                decisions.score(EXCLUDED, excluded ? 1 : 0);
            }
            if (!excluded && available && price < bestPrice)
            {
                bestPrice = price;
                best = offer;
            }
        }
        return best;
    }

    /**
     * A strategy's parameters, with SkyPilot's defaults.
     * <p>
     * <b>Threading:</b> build, then hand to one constructor; not shared.
     */
    static final class Settings
    {
        boolean[] allowedMarket = {true, true};
        boolean[] allowedProvider;
        long initialBackoffNs = 60_000_000_000L;
        double backoffMultiplier = 1.6;
        double backoffJitter = 0.4;
        double maxBackoffFactor = 5;
        int firstAttempts = 3;
        int anywhereAttempts = 240;

        /**
         * @param providers providers of the model: all are allowed.
         */
        Settings(final int providers)
        {
            allowedProvider = new boolean[providers];
            Arrays.fill(allowedProvider, true);
        }

        /**
         * @param arguments checked values of the parameters {@link #recoveryParameters} declares.
         */
        Settings(final PolicyArguments arguments)
        {
            allowedMarket = OfferFilter.marketMask(arguments);
            allowedProvider = OfferFilter.providerMask(arguments);
            initialBackoffNs = arguments.getDurationNs("initialBackoff");
            backoffMultiplier = arguments.getDouble("backoffMultiplier");
            backoffJitter = arguments.getDouble("backoffJitter");
            maxBackoffFactor = arguments.getDouble("maxBackoffFactor");
            firstAttempts = arguments.getInt("firstAttempts");
            anywhereAttempts = arguments.getInt("anywhereAttempts");
        }
    }

    /**
     * @param firstAttemptsDoc what the first step is, for the {@code firstAttempts} doc.
     * @return the parameters both strategies declare, with SkyPilot's values as defaults.
     */
    static PolicyParameter[] recoveryParameters(final String firstAttemptsDoc)
    {
        return new PolicyParameter[] {
            OfferFilter.markets(),
            OfferFilter.providers(),
            PolicyParameter.duration("initialBackoff", 1_000_000L, 3_600_000_000_000L).defaultValue(60_000_000_000L)
                .doc("first gap after a failed launch attempt, before jitter (SkyPilot: 60 s)").build(),
            PolicyParameter.number("backoffMultiplier", 1, 10).defaultValue(1.6)
                .doc("each later gap is the previous one times this (SkyPilot: 1.6)").build(),
            PolicyParameter.number("backoffJitter", 0, 0.9).defaultValue(0.4).unit("share of the gap")
                .doc("uniform jitter added to each gap, +- this share (SkyPilot: 0.4)").build(),
            PolicyParameter.number("maxBackoffFactor", 1, 1000).defaultValue(5.0).unit("initial gaps")
                .doc("cap on a gap before its jitter, in initial gaps (SkyPilot: 5)").build(),
            PolicyParameter.integer("firstAttempts", 1, 1_000_000).defaultValue(3).unit("attempts")
                .doc(firstAttemptsDoc).build(),
            PolicyParameter.integer("anywhereAttempts", 1, 1_000_000).defaultValue(240).unit("attempts")
                .doc("launch attempts anywhere before waiting the initial gap and starting again (SkyPilot: 240)")
                .build()};
    }
}

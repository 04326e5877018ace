package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.lp.LpFleetPlanner;
import io.windtunnel.simulator.policy.lp.LpPlan;

import java.util.Arrays;

/**
 * What the two LP placements ({@link LpPlacement}, model 1; {@link PenalizedLpPlacement}, model 2) share: they turn
 * the simulation's state into the planner's inputs, plan a fleet once per control decision with
 * {@link LpFleetPlanner}, and answer single launches (failover replacements) with the cheapest available offer by
 * the same unit cost.
 * <p>
 * The LP's inputs (docs/policies.md, "LP placement (`type: lp`)"), option {@code i} being an offer the policy's
 * {@code markets} and {@code providers} allow:
 * <ul>
 * <li>{@code a_i = 1}: capacity is counted in replicas, because the autoscaler's answer, the control loop's
 * accounting and the region quotas all count replicas; {@code d} is then the autoscaler's desired count.</li>
 * <li>{@code c_i}: the offer's current price, USD per replica-hour. Model 2 adds {@code p s} with {@code s} the
 * share of the offer's region quota in use (replicas not yet ended: provisioning, ready, draining, under a
 * preemption notice) and {@code p} the {@code penalty} parameter: for a plan, charged at the occupancy each replica
 * of the plan brings the region to, through segments of the offers' rooms (see {@link PenalizedLpPlacement}); for a
 * single launch, at the share in use now.</li>
 * <li>{@code M_i}: an offer that is not available now keeps at most its active replicas (nothing new is launched
 * there); the offers of one region share what is left of its quota once the replicas leaving it (draining, under
 * notice) are counted, handed to them cheapest first (by the cost minimized; ties to the lower index). With
 * {@code a_i = 1} that split loses nothing: a unit of a region's quota is always best spent on its cheapest offer
 * with room. The view does not show how much spot capacity a pool has left, only whether it has some: an
 * available spot offer is bounded by its region's room alone (a launch beyond the pool is refused and counted; the
 * next decision sees the offer unavailable).</li>
 * <li>With {@code transfer: true}, {@code c_i} also carries {@code (lambda / d) x 3600 x t_i} USD per replica-hour:
 * {@code lambda} the observed arrival rate, {@code d} the desired replicas (for a single launch the active ones, at
 * least 1) and {@code t_i} the expected transfer USD per request of serving from the offer
 * ({@link SimulationView#offerTransferUsdPerRequest(int)}). The fleet's transfer cost per hour is
 * {@code lambda x 3600 x sum_i (share of requests served by offer i) x t_i}; with the requests shared evenly among
 * the replicas the share is {@code x_i / d}, which is linear in {@code x_i}, so the LP stays an LP. A balancer that
 * does not share evenly (locality-first, capacity-weighted) makes the term an approximation.</li>
 * </ul>
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> its scratch arrays on the first call; then each plan
 * allocates its option arrays when their count changes (model 2: one per segment) and what {@link LpFleetPlanner}
 * does (a dense Simplex tableau: about 1 MB at 100 offers), once per control
 * decision, never per request. {@link #chooseOffer} allocates nothing.
 */
abstract class FleetLpPlacement implements PlacementPolicy
{
    /** Score: the offer's price now, USD per replica-hour ({@code c_i}). */
    static final String PRICE = "pricePerHourUsd";
    /**
     * Score: the share of the offer's region quota in use ({@code s_i}): for a plan, the share the plan leaves in
     * use (replicas leaving the region plus the plan's, over the quota); for a single launch, the share now.
     */
    static final String QUOTA_SHARE = "regionQuotaShare";
    /** Score: {@code c_i + s_i p}, USD per replica-hour (for a plan: the marginal cost at the planned share). */
    static final String PENALIZED = "penalizedPricePerHourUsd";
    /** Score: the most replicas the plan may give the offer ({@code M_i}). */
    static final String MAX_REPLICAS = "maxReplicas";
    /** Score: the replicas the plan gives the offer. */
    static final String PLANNED = "plannedReplicas";
    /**
     * Score (with {@code transfer: true}): the transfer term added to the offer's cost, {@code (lambda / d) x 3600 x
     * t_i} USD per replica-hour, {@code t_i} being {@link SimulationView#offerTransferUsdPerRequest(int)}.
     */
    static final String TRANSFER = "transferPerHourUsd";
    /** Seconds per hour: the transfer term turns a rate per second into a cost per replica-hour. */
    private static final double SECONDS_PER_HOUR = 3600.0;

    private final OfferFilter filter;
    private final String type;
    private final boolean penalized;
    private final double penaltyPerHourUsd;
    private final int segments;
    private final String planRule;
    private final String chooseRule;
    private final boolean transfer;
    private final LpFleetPlanner planner = new LpFleetPlanner();
    private final LpPlan plan = new LpPlan();

    private int[] regionInUse;
    private int[] regionActive;
    private int[] regionRoom;
    private double[] quotaShare;
    private double[] unitCost;
    private int[] bound;
    private int[] start;
    private int[] regionLeaving;
    private int[] regionPlanned;
    private boolean[] split;
    private int[] optionOffer = new int[0];
    private double[] price = new double[0];
    private double[] capacity = new double[0];
    private double[] max = new double[0];
    /** Per offer: the transfer term, USD per replica-hour (0 without {@code transfer}). */
    private double[] transferPerHourUsd;
    /** Per offer: the transfer USD per request to use instead of the view's (the storage LP's as-if holders), or null. */
    private double[] transferUsdPerRequest;

    /**
     * @param filter            the offers it may use.
     * @param type              its YAML type, for the decision record.
     * @param penalized         true for model 2 (segment the rooms, charge {@code c_i + s_i p}).
     * @param penaltyPerHourUsd {@code p}, USD per replica-hour at a full region quota (model 2).
     * @param segments          {@code K}, the segments a region's quota is cut into (model 2), at least 1.
     * @param planRule          the rule recorded for a plan (a constant).
     * @param chooseRule        the rule recorded for a single launch (a constant).
     * @param transfer          true to add the transfer term {@code (lambda / d) x 3600 x t_i} to every cost.
     */
    FleetLpPlacement(final OfferFilter filter, final String type, final boolean penalized,
        final double penaltyPerHourUsd, final int segments,
        final String planRule, final String chooseRule, final boolean transfer)
    {
        if (segments < 1)
        {
            throw new IllegalArgumentException("segments must be >= 1, was " + segments);
        }
        if (!(penaltyPerHourUsd >= 0) || Double.isInfinite(penaltyPerHourUsd))
        {
            throw new IllegalArgumentException("penalty must be finite and >= 0, was " + penaltyPerHourUsd);
        }
        this.filter = filter;
        this.type = type;
        this.penalized = penalized;
        this.penaltyPerHourUsd = penaltyPerHourUsd;
        this.segments = segments;
        this.planRule = planRule;
        this.chooseRule = chooseRule;
        this.transfer = transfer;
    }

    /**
     * @return the {@code transfer} parameter both LP placements declare (off by default, and then not echoed, so a
     *     scenario written before it runs and prints as before).
     */
    static PolicyParameter transferParameter()
    {
        return PolicyParameter.bool("transfer").defaultValue(false).quietDefault()
            .doc("add each offer's expected transfer cost per replica-hour, (observed requests/s / desired " +
                "replicas) x 3600 x the transfer USD per request of serving from it, to its price").build();
    }

    /** @return true for model 2 (the costs carry the quota-share penalty). */
    private boolean penalized()
    {
        return penalized;
    }

    @Override
    public final int chooseOffer(final SimulationView view)
    {
        final CloudModel model = view.model();
        // a single launch replaces or adds one replica: the requests are shared by the replicas there are
        measure(view, model, Math.max(1, view.activeReplicas()));
        final DecisionRecorder log = view.decisions();
        final boolean recording = OfferFilter.beginDecision(view, type);
        int best = -1;
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            if (!filter.usable(view, model, offer))
            {
                continue;
            }
            if (recording)
            {
                recordCosts(log, view, model, offer);
            }
            if (best < 0 || unitCost[offer] < unitCost[best])
            {
                best = offer;
            }
        }
        if (recording)
        {
            log.chose(best, best < 0 ? OfferFilter.NONE_AVAILABLE : chooseRule);
        }
        return best;
    }

    @Override
    public final boolean planAllocation(final SimulationView view, final int desiredReplicas,
        final int[] replicasPerOffer)
    {
        final CloudModel model = view.model();
        final int offers = model.offers();
        final int most = plan(view, model, desiredReplicas, replicasPerOffer);
        final DecisionRecorder log = view.decisions();
        if (log.enabled())
        {
            log.begin(view.nowNs(), type);
            for (int offer = 0; offer < offers; offer++)
            {
                if (bound[offer] > 0)
                {
                    recordCosts(log, view, model, offer);
                    log.score(MAX_REPLICAS, bound[offer]);
                    log.score(PLANNED, replicasPerOffer[offer]);
                }
            }
            log.chose(most, planRule);
        }
        return true;
    }

    /**
     * The plan the storage LP prices for a candidate holder set: as {@link #planAllocation}, with the transfer USD
     * per request given per offer instead of read from the view, and nothing recorded.
     *
     * @param view                  the running simulation.
     * @param desiredReplicas       {@code d}.
     * @param replicasPerOffer      on entry the active replicas per offer; on return the plan.
     * @param transferUsdPerRequest per offer: {@code t_i} for this holder set (kept by reference during the call).
     */
    final void planWith(final SimulationView view, final int desiredReplicas, final int[] replicasPerOffer,
        final double[] transferUsdPerRequest)
    {
        this.transferUsdPerRequest = transferUsdPerRequest;
        try
        {
            plan(view, view.model(), desiredReplicas, replicasPerOffer);
        }
        finally
        {
            this.transferUsdPerRequest = null;
        }
    }

    /**
     * @param offer an offer.
     * @return the transfer term of the last plan or choice, USD per replica-hour (0 without {@code transfer}).
     */
    final double transferPerHourUsd(final int offer)
    {
        return transferPerHourUsd[offer];
    }

    /** Plans into {@code replicasPerOffer} (active replicas on entry); returns the offer with the most planned. */
    private int plan(final SimulationView view, final CloudModel model, final int desiredReplicas,
        final int[] replicasPerOffer)
    {
        measure(view, model, desiredReplicas);
        final int offers = model.offers();
        final int usable = bound(view, model, replicasPerOffer);
        final int n = penalized() ? segment(view, model, false) : usable;
        sizeOptions(n);
        if (penalized())
        {
            segment(view, model, true);
        }
        else
        {
            for (int offer = 0, i = 0; offer < offers; offer++)
            {
                if (bound[offer] > 0)
                {
                    optionOffer[i] = offer;
                    price[i] = view.offerPricePerHourUsd(offer) + transferPerHourUsd[offer];
                    capacity[i] = 1.0;
                    max[i] = bound[offer];
                    i++;
                }
            }
        }
        // model 1 in both cases: model 2's penalty is in the segments' prices
        planner.plan(price, capacity, max, desiredReplicas, plan);
        Arrays.fill(replicasPerOffer, 0);
        for (int i = 0; i < n; i++)
        {
            // segment bounds are whole replicas, so each segment's whole replicas stay within its bound and the
            // plan's total is the demand (or every bound): summed per offer they keep M_i and the total
            replicasPerOffer[optionOffer[i]] += plan.wholeReplicas(i);
        }
        int most = -1;
        for (int offer = 0; offer < offers; offer++)
        {
            if (replicasPerOffer[offer] > 0 && (most < 0 || replicasPerOffer[offer] > replicasPerOffer[most]))
            {
                most = offer;
            }
        }
        if (penalized())
        {
            plannedShares(view, model, replicasPerOffer);
        }
        return most;
    }

    private void recordCosts(final DecisionRecorder log, final SimulationView view, final CloudModel model,
        final int offer)
    {
        log.option(offer);
        log.score(PRICE, view.offerPricePerHourUsd(offer));
        if (transfer)
        {
            log.score(TRANSFER, transferPerHourUsd[offer]);
        }
        if (penalized())
        {
            log.score(QUOTA_SHARE, quotaShare[model.offerRegion[offer]]);
            log.score(PENALIZED, unitCost[offer]);
        }
    }

    /**
     * Counts each region's replicas against its quota, and sets every offer's transfer term and unit cost
     * ({@code c_i}, or {@code c_i + s_i p}, plus the transfer term).
     *
     * @param replicas {@code d}, the replicas the observed requests are shared by (the transfer term's divisor).
     */
    private void measure(final SimulationView view, final CloudModel model, final int replicas)
    {
        final int offers = model.offers();
        final int regions = model.regionNames.length;
        if (regionInUse == null)
        {
            regionInUse = new int[regions];
            regionActive = new int[regions];
            regionRoom = new int[regions];
            quotaShare = new double[regions];
            unitCost = new double[offers];
            bound = new int[offers];
            start = new int[offers];
            regionLeaving = new int[regions];
            regionPlanned = new int[regions];
            split = new boolean[offers];
            transferPerHourUsd = new double[offers];
        }
        if (transfer)
        {
            // each of the d replicas serves lambda / d requests per second (the balancer shares them evenly)
            final double requestsPerReplicaHour =
                replicas > 0 ? view.observedArrivalRatePerSec() / replicas * SECONDS_PER_HOUR : 0.0;
            for (int offer = 0; offer < offers; offer++)
            {
                final double usdPerRequest = transferUsdPerRequest != null ? transferUsdPerRequest[offer] :
                    view.offerTransferUsdPerRequest(offer);
                transferPerHourUsd[offer] = requestsPerReplicaHour * usdPerRequest;
            }
        }
        if (penalized())
        {
            countQuotaInUse(view, model);
            for (int region = 0; region < regions; region++)
            {
                final int quota = model.regionQuota[region];
                quotaShare[region] = quota <= 0 ? 1.0 : Math.min(1.0, regionInUse[region] / (double)quota);
            }
        }
        for (int offer = 0; offer < offers; offer++)
        {
            unitCost[offer] = view.offerPricePerHourUsd(offer) +
                (penalized() ? quotaShare[model.offerRegion[offer]] * penaltyPerHourUsd : 0.0) +
                transferPerHourUsd[offer];
        }
    }

    /**
     * Replicas per region that hold its quota (not yet ended), as the simulation counts them for
     * {@link SimulationView#offerAvailable}.
     */
    private void countQuotaInUse(final SimulationView view, final CloudModel model)
    {
        for (int region = 0; region < regionInUse.length; region++)
        {
            regionInUse[region] = view.regionReplicas(region);
        }
    }

    /**
     * Sets {@code M_i} per offer in {@link #bound} (0 for an offer the plan may not use) and returns how many offers
     * have a positive bound.
     */
    private int bound(final SimulationView view, final CloudModel model, final int[] active)
    {
        final int offers = model.offers();
        final int regions = model.regionNames.length;
        if (!penalized())
        {
            // model 1 has not counted the quotas yet
            countQuotaInUse(view, model);
        }
        Arrays.fill(regionActive, 0);
        for (int offer = 0; offer < offers; offer++)
        {
            regionActive[model.offerRegion[offer]] += active[offer];
        }
        for (int region = 0; region < regions; region++)
        {
            // the quota the plan may spend: all of it but the replicas already leaving the region
            final int leaving = Math.max(0, regionInUse[region] - regionActive[region]);
            regionLeaving[region] = leaving;
            regionRoom[region] = Math.max(0, model.regionQuota[region] - leaving);
        }
        Arrays.fill(split, false);
        int positive = 0;
        for (int pass = 0; pass < offers; pass++)
        {
            // hand each region's room to its offers cheapest first: take the cheapest offer not yet handed any
            int next = -1;
            for (int offer = 0; offer < offers; offer++)
            {
                if (!split[offer] && (next < 0 || unitCost[offer] < unitCost[next]))
                {
                    next = offer;
                }
            }
            split[next] = true;
            final int region = model.offerRegion[next];
            final int cap;
            if (!filter.allows(model, next))
            {
                cap = 0;
            }
            else if (!view.offerAvailable(next))
            {
                cap = active[next];
            }
            else
            {
                cap = Integer.MAX_VALUE;
            }
            bound[next] = Math.min(cap, regionRoom[region]);
            // the region quota occupancy at which the offer's room starts: the replicas leaving the region and
            // the rooms handed before it
            start[next] = model.regionQuota[region] - regionRoom[region];
            regionRoom[region] -= bound[next];
            if (bound[next] > 0)
            {
                positive++;
            }
        }
        return positive;
    }

    /**
     * Model 2's options: cuts each usable offer's room, the region quota occupancies
     * {@code [start_i, start_i + M_i)}, at the region's grid of {@code K} steps (whole replicas: {@code round(g x
     * quota / K)}), and prices each segment {@code c_i + p x (its midpoint occupancy) / quota}. Over the segments,
     * model 1 minimizes {@code sum c_i x_i + p x occupancy^2 / (2 quota)} (exact at the cut points, linear between
     * them), so the plan's penalty is charged at the utilization the plan itself produces.
     *
     * @param fill false to count the segments only, true to fill the option arrays (sized to the count).
     * @return the number of segments.
     */
    private int segment(final SimulationView view, final CloudModel model, final boolean fill)
    {
        int n = 0;
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            if (bound[offer] <= 0)
            {
                continue;
            }
            final long quota = model.regionQuota[model.offerRegion[offer]];
            final long end = (long)start[offer] + bound[offer];
            final double priceNow = view.offerPricePerHourUsd(offer) + transferPerHourUsd[offer];
            long from = start[offer];
            long step = from * segments / quota;
            while (from < end)
            {
                while (cut(step, quota) <= from)
                {
                    step++;
                }
                final long to = Math.min(end, cut(step, quota));
                if (fill)
                {
                    optionOffer[n] = offer;
                    price[n] = priceNow + penaltyPerHourUsd * (from + to) / (2.0 * quota);
                    capacity[n] = 1.0;
                    max[n] = to - from;
                }
                n++;
                from = to;
            }
        }
        return n;
    }

    /** @return the grid's cut {@code g}, {@code round(g x quota / K)} in whole replicas (the quota at g = K). */
    private long cut(final long g, final long quota)
    {
        return (2 * g * quota + segments) / (2L * segments);
    }

    /** Sets each region's quota share after the plan ({@code s_i} of the plan) and the offers' penalized costs. */
    private void plannedShares(final SimulationView view, final CloudModel model, final int[] planned)
    {
        final int regions = model.regionNames.length;
        System.arraycopy(regionLeaving, 0, regionPlanned, 0, regions);
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            regionPlanned[model.offerRegion[offer]] += planned[offer];
        }
        for (int region = 0; region < regions; region++)
        {
            final int quota = model.regionQuota[region];
            quotaShare[region] = quota <= 0 ? 1.0 : Math.min(1.0, regionPlanned[region] / (double)quota);
        }
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            unitCost[offer] = view.offerPricePerHourUsd(offer) +
                quotaShare[model.offerRegion[offer]] * penaltyPerHourUsd + transferPerHourUsd[offer];
        }
    }

    private void sizeOptions(final int n)
    {
        if (price.length != n)
        {
            // the planner takes arrays of exactly one entry per option
            optionOffer = new int[n];
            price = new double[n];
            capacity = new double[n];
            max = new double[n];
        }
    }
}

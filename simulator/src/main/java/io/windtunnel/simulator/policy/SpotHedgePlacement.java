package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

import java.util.Arrays;

/**
 * SpotHedge (SkyServe, EuroSys'25), as SkyPilot implements it: the {@code dynamic_fallback} spot placer
 * ({@code DynamicFallbackSpotPlacer}, {@code sky/serve/spot_placer.py}) choosing where spot replicas go, and the
 * on-demand fallback of {@code FallbackRequestRateAutoscaler} ({@code sky/serve/autoscalers.py}) deciding how many
 * on-demand replicas cover for spot ones.
 * <p>
 * <b>Locations.</b> Every (provider, region, zone) with an allowed spot offer is a location (an offer without a zone
 * makes its region one location), ACTIVE or PREEMPTED, all ACTIVE at the start. A new spot replica goes to the
 * cheapest ACTIVE location that holds none of the fleet's active spot replicas, else to the cheapest ACTIVE one; a
 * location's price is that of its cheapest available allowed spot offer now, per worker-speed. A preemption notice
 * ({@link #onReplicaLost} with {@link FailoverPolicy#PREEMPTION}) marks the replica's location PREEMPTED, and when
 * fewer than two locations remain ACTIVE all are ACTIVE again. A spot replica that becomes ready marks its location
 * ACTIVE (SkyPilot marks it when the launch succeeds). A location with no available offer now (its zone is down, its
 * pool gone or full, its region's quota used up) is not chosen; when no ACTIVE location has one, the cheapest
 * available PREEMPTED location is (not holding first), where SkyPilot would find one by failed launches.
 * <p>
 * <b>Counts.</b> With {@code desired} the autoscaler's target: spot replicas {@code max(0, desired + overprovision -
 * baseOnDemandFallback)}; on-demand replicas {@code baseOnDemandFallback + max(0, spot - readySpot)} with
 * {@code dynamicOnDemandFallback} (else {@code baseOnDemandFallback}), at most {@code desired}, where
 * {@code readySpot} counts the ready spot replicas: on demand fills the gap while spot replicas boot or after they
 * are preempted, but never for the over-provisioned ones. Extra spot replicas are placed by the location rule;
 * extra on-demand ones on the cheapest available allowed on-demand offer; a surplus is drained in SkyServe's order
 * (provisioning first, then the newest). This is a plan ({@link #planAllocation}); failover replacements come
 * through {@link #chooseOffer}: spot by the location rule, or on demand when the lost replica was on demand.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> the location tables once, when it first sees the
 * model; the list of booting spot replicas grows by doubling; nothing else.
 */
public final class SpotHedgePlacement implements PlacementPolicy
{
    /** The YAML type. */
    static final String TYPE = "spot-hedge";
    /** Score: 1 if the option's location is ACTIVE, 0 if PREEMPTED. */
    static final String ACTIVE = "locationActive";
    /** Score: 1 if the option's location already holds one of the fleet's active spot replicas. */
    static final String HOLDING = "locationHolding";
    static final String RULE_ACTIVE_FREE = "cheapest active location holding no spot replica";
    static final String RULE_ACTIVE = "cheapest active location";
    static final String RULE_PREEMPTED_FREE = "no active location available: cheapest preempted one holding none";
    static final String RULE_PREEMPTED = "no active location available: cheapest preempted one";
    static final String RULE_ON_DEMAND = "on-demand fallback: cheapest available on-demand offer";
    private static final String[] RULES = {RULE_ACTIVE_FREE, RULE_ACTIVE, RULE_PREEMPTED_FREE, RULE_PREEMPTED};

    private final int overprovision;
    private final int baseOnDemand;
    private final boolean dynamicOnDemand;
    private final boolean[] allowedProvider;
    private final boolean[] allowedRegion;

    private CloudModel model;
    /** Per offer: its location, or -1 if it is not an allowed spot offer. */
    private int[] offerLocation;
    private boolean[] onDemandOffer;
    private boolean[] preempted;
    private int locations;
    private int activeLocations;
    /** Scratch: per location, active spot replicas held there (in a plan, planned ones). */
    private int[] held;
    /** Scratch: per location, its cheapest available allowed spot offer now, or -1. */
    private int[] bestOffer;
    private double[] bestPrice;

    /** Spot replicas launched and not yet seen ready or ended, to mark their location ACTIVE when ready. */
    private int[] booting = new int[16];
    private int bootingCount;
    private int replicasSeen;
    /** Market of the last replica lost: what a failover replacement should be. */
    private int lostMarket = CloudModel.SPOT;

    /**
     * @param overprovision   spot replicas beyond the autoscaler's target, at least 0.
     * @param baseOnDemand    on-demand replicas kept at all times (within the target), at least 0.
     * @param dynamicOnDemand whether on-demand replicas fill in for spot replicas that are not ready.
     * @param allowedProvider per provider index: may it be used.
     * @param allowedRegion   per region index: may it be used.
     */
    public SpotHedgePlacement(final int overprovision, final int baseOnDemand, final boolean dynamicOnDemand,
        final boolean[] allowedProvider, final boolean[] allowedRegion)
    {
        if (overprovision < 0 || baseOnDemand < 0)
        {
            throw new IllegalArgumentException("overprovision and baseOnDemandFallback must be at least 0");
        }
        this.overprovision = overprovision;
        this.baseOnDemand = baseOnDemand;
        this.dynamicOnDemand = dynamicOnDemand;
        this.allowedProvider = allowedProvider.clone();
        this.allowedRegion = allowedRegion.clone();
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        prepare(view);
        if (lostMarket == CloudModel.ON_DEMAND)
        {
            return CheapestOffer.choose(view, onDemandOffer, TYPE, RULE_ON_DEMAND);
        }
        Arrays.fill(held, 0);
        for (int offer = 0; offer < offerLocation.length; offer++)
        {
            if (offerLocation[offer] >= 0)
            {
                held[offerLocation[offer]] += view.offerActiveReplicas(offer);
            }
        }
        return chooseSpot(view);
    }

    @Override
    public boolean planAllocation(final SimulationView view, final int desiredReplicas, final int[] replicasPerOffer)
    {
        prepare(view);
        final int[] marketOf = model.offerMarket;
        int spotNow = 0;
        int onDemandNow = 0;
        Arrays.fill(held, 0);
        for (int offer = 0; offer < replicasPerOffer.length; offer++)
        {
            if (marketOf[offer] == CloudModel.SPOT)
            {
                spotNow += replicasPerOffer[offer];
                if (offerLocation[offer] >= 0)
                {
                    held[offerLocation[offer]] += replicasPerOffer[offer];
                }
            }
            else
            {
                onDemandNow += replicasPerOffer[offer];
            }
        }
        int readySpot = 0;
        for (int i = 0, ready = view.readyCount(); i < ready; i++)
        {
            if (marketOf[view.replicaOffer(view.readyReplica(i))] == CloudModel.SPOT)
            {
                readySpot++;
            }
        }
        final int spotWanted = spotReplicas(desiredReplicas);
        final int onDemandWanted = onDemandReplicas(desiredReplicas, readySpot);

        for (int missing = spotWanted - spotNow; missing > 0; missing--)
        {
            final int offer = chooseSpot(view);
            if (offer < 0)
            {
                break;
            }
            replicasPerOffer[offer]++;
            held[offerLocation[offer]]++;
        }
        for (int missing = onDemandWanted - onDemandNow; missing > 0; missing--)
        {
            final int offer = CheapestOffer.choose(view, onDemandOffer, TYPE, RULE_ON_DEMAND);
            if (offer < 0)
            {
                break;
            }
            replicasPerOffer[offer]++;
        }
        drainNewest(view, replicasPerOffer, CloudModel.SPOT, spotNow - spotWanted);
        drainNewest(view, replicasPerOffer, CloudModel.ON_DEMAND, onDemandNow - onDemandWanted);
        return true;
    }

    /**
     * @param desiredReplicas the autoscaler's target.
     * @return spot replicas to run: the target and the over-provisioned ones, less the base on-demand ones.
     */
    int spotReplicas(final int desiredReplicas)
    {
        return Math.max(0, desiredReplicas + overprovision - baseOnDemand);
    }

    /**
     * @param desiredReplicas the autoscaler's target.
     * @param readySpot       spot replicas ready now.
     * @return on-demand replicas to run: the base, plus the spot replicas wanted and not ready when the fallback is
     * dynamic, at most the target.
     */
    int onDemandReplicas(final int desiredReplicas, final int readySpot)
    {
        int onDemand = baseOnDemand;
        if (dynamicOnDemand)
        {
            onDemand += Math.max(0, spotReplicas(desiredReplicas) - readySpot);
        }
        return Math.min(onDemand, desiredReplicas);
    }

    @Override
    public void onReplicaLost(final SimulationView view, final int replica, final int reason)
    {
        prepare(view);
        final int offer = view.replicaOffer(replica);
        lostMarket = model.offerMarket[offer];
        final int location = offerLocation[offer];
        if (reason == FailoverPolicy.PREEMPTION && location >= 0)
        {
            if (!preempted[location])
            {
                preempted[location] = true;
                activeLocations--;
            }
            if (activeLocations < 2)
            {
                // SkyPilot: "Prevent the case with only one active location."
                Arrays.fill(preempted, false);
                activeLocations = locations;
            }
        }
    }

    /**
     * @param location a location index.
     * @return true if it is ACTIVE.
     */
    boolean locationActive(final int location)
    {
        return !preempted[location];
    }

    /**
     * @param offer an offer.
     * @return its location, or -1 if it is not an allowed spot offer (valid once the policy has seen the model).
     */
    int locationOf(final int offer)
    {
        return offerLocation[offer];
    }

    /**
     * The location rule over {@link #held}: the best location's cheapest available offer, recorded as one decision.
     */
    private int chooseSpot(final SimulationView view)
    {
        int best = -1;
        int bestTier = Integer.MAX_VALUE;
        double bestLocationPrice = Double.MAX_VALUE;
        Arrays.fill(bestOffer, -1);
        for (int offer = 0; offer < offerLocation.length; offer++)
        {
            final int location = offerLocation[offer];
            if (location < 0 || !view.offerAvailable(offer))
            {
                continue;
            }
            final double price = CheapestOffer.pricePerWorkerHourUsd(view, offer);
            if (bestOffer[location] < 0 || price < bestPrice[location])
            {
                bestOffer[location] = offer;
                bestPrice[location] = price;
            }
        }
        final DecisionRecorder decisions = view.decisions();
        final boolean record = decisions.enabled();
        if (record)
        {
            decisions.begin(view.nowNs(), TYPE);
        }
        for (int location = 0; location < locations; location++)
        {
            final int offer = bestOffer[location];
            if (offer < 0)
            {
                continue;
            }
            // Tiers: ACTIVE and free, ACTIVE, PREEMPTED and free, PREEMPTED; the cheapest of the best tier wins.
            final int tier = (preempted[location] ? 2 : 0) + (held[location] > 0 ? 1 : 0);
            if (record)
            {
                decisions.option(offer);
                decisions.score(CheapestOffer.PRICE, view.offerPricePerHourUsd(offer));
                decisions.score(CheapestOffer.PRICE_PER_WORKER, bestPrice[location]);
                decisions.score(ACTIVE, preempted[location] ? 0 : 1);
                decisions.score(HOLDING, held[location] > 0 ? 1 : 0);
            }
            if (tier < bestTier || tier == bestTier && bestPrice[location] < bestLocationPrice)
            {
                best = location;
                bestTier = tier;
                bestLocationPrice = bestPrice[location];
            }
        }
        final int chosen = best >= 0 ? bestOffer[best] : -1;
        if (record)
        {
            decisions.chose(chosen, best >= 0 ? RULES[bestTier] : CheapestOffer.NONE_AVAILABLE);
        }
        return chosen;
    }

    /**
     * Lower the plan by {@code surplus} replicas of one market, choosing them as SkyServe scales down: provisioning
     * replicas first, then ready ones, newest first within each (the simulator drains an offer's surplus in the
     * same order, so the replicas chosen here are the ones drained).
     */
    private static void drainNewest(final SimulationView view, final int[] replicasPerOffer, final int market,
        final int surplus)
    {
        final int[] marketOf = view.model().offerMarket;
        int left = surplus;
        for (int pass = 0; pass < 2 && left > 0; pass++)
        {
            final int state = pass == 0 ? SimulationView.PROVISIONING : SimulationView.READY;
            for (int replica = view.replicaCount() - 1; replica >= 0 && left > 0; replica--)
            {
                final int offer = view.replicaOffer(replica);
                if (view.replicaState(replica) == state && marketOf[offer] == market && replicasPerOffer[offer] > 0)
                {
                    replicasPerOffer[offer]--;
                    left--;
                }
            }
        }
    }

    /** Build the location tables at the first call, then mark the locations of spot replicas that became ready. */
    private void prepare(final SimulationView view)
    {
        if (model == null)
        {
            build(view.model());
        }
        for (int replica = replicasSeen, count = view.replicaCount(); replica < count; replica++)
        {
            if (offerLocation[view.replicaOffer(replica)] >= 0)
            {
                if (bootingCount == booting.length)
                {
                    booting = Arrays.copyOf(booting, bootingCount * 2);
                }
                booting[bootingCount++] = replica;
            }
        }
        replicasSeen = Math.max(replicasSeen, view.replicaCount());
        int kept = 0;
        for (int i = 0; i < bootingCount; i++)
        {
            final int replica = booting[i];
            final int state = view.replicaState(replica);
            if (state == SimulationView.PROVISIONING)
            {
                booting[kept++] = replica;
            }
            else if (state == SimulationView.READY || state == SimulationView.DRAINING)
            {
                final int location = offerLocation[view.replicaOffer(replica)];
                if (preempted[location])
                {
                    preempted[location] = false;
                    activeLocations++;
                }
            }
        }
        bootingCount = kept;
    }

    private void build(final CloudModel model)
    {
        this.model = model;
        final boolean[] spot = CheapestOffer.mask(model, CloudModel.SPOT, allowedProvider, allowedRegion);
        onDemandOffer = CheapestOffer.mask(model, CloudModel.ON_DEMAND, allowedProvider, allowedRegion);
        offerLocation = new int[model.offers()];
        final int[] locationRegion = new int[model.offers()];
        final int[] locationZone = new int[model.offers()];
        for (int offer = 0; offer < offerLocation.length; offer++)
        {
            offerLocation[offer] = -1;
            if (!spot[offer])
            {
                continue;
            }
            final int region = model.offerRegion[offer];
            final int zone = model.offerZone[offer];
            int location = 0;
            while (location < locations && (locationRegion[location] != region || locationZone[location] != zone))
            {
                location++;
            }
            if (location == locations)
            {
                locationRegion[location] = region;
                locationZone[location] = zone;
                locations++;
            }
            offerLocation[offer] = location;
        }
        preempted = new boolean[locations];
        activeLocations = locations;
        held = new int[locations];
        bestOffer = new int[locations];
        bestPrice = new double[locations];
    }

    /** Registry entry: {@code type: spot-hedge}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "SpotHedge (SkyServe): spot replicas spread over active locations, preempted ones avoided, " +
                    "on-demand fallback",
                PolicyParameter.integer("overprovision", 0, 1_000_000).defaultValue(0).unit("replicas")
                    .doc("spot replicas beyond the autoscaler's target (SkyServe num_overprovision)").build(),
                PolicyParameter.integer("baseOnDemandFallback", 0, 1_000_000).defaultValue(0).unit("replicas")
                    .doc("on-demand replicas always kept, within the target " +
                        "(SkyServe base_ondemand_fallback_replicas)").build(),
                PolicyParameter.bool("dynamicOnDemandFallback").defaultValue(true)
                    .doc("on-demand replicas fill in for wanted spot replicas that are not ready " +
                        "(SkyServe dynamic_ondemand_fallback)").build(),
                CheapestOffer.PROVIDERS, CheapestOffer.REGIONS);
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new SpotHedgePlacement(arguments.getInt("overprovision"), arguments.getInt("baseOnDemandFallback"),
                arguments.getBoolean("dynamicOnDemandFallback"), arguments.getMask("providers"),
                arguments.getMask("regions"));
        }
    }
}

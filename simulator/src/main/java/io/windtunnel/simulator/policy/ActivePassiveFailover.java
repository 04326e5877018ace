package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

import java.util.List;

/**
 * Active-passive across regions: the {@code active} regions serve all traffic and hold the autoscaler's replicas; the
 * {@code standby} regions take over when a health check finds the active regions down, and hand back (fail-back) once
 * they have been healthy for {@code failBackAfter}.
 * <p>
 * <b>Steering.</b> It sets the run's masks ({@link FleetControl}): only the serving side's regions are placeable (every
 * placement policy launches the autoscaler's replicas there) and take traffic (only their replicas are on the ready
 * list); regions in neither list get nothing.
 * <p>
 * <b>Standby.</b> {@code mode: warm} (the default) keeps, in the standby regions, as many spares as the autoscaler
 * has replicas, running and billed but taking no traffic (launched at the cheapest launchable offer of
 * {@code standbyMarket} there, topped up every control interval, trimmed only when more than a tenth and at least 2
 * above the count); at takeover they become the autoscaler's replicas and
 * start serving at once. {@code mode: cold} keeps nothing there: at takeover the autoscaler's replicas are launched
 * in the standby regions through the placement policy and serve once booted.
 * <p>
 * <b>Health checks.</b> Every {@code healthCheckInterval} from time 0 a probe checks that every active region is up
 * (not in an outage); after {@code unhealthyThreshold} failed probes in a row it takes over, so the detection delay
 * after an outage starts is between {@code (threshold - 1) x interval} and {@code threshold x interval} (Route 53
 * health checks: 10 or 30 s interval, failure threshold 3 by default). Until then lost active replicas are replaced
 * as {@link DrainOnNoticeFailover} does, which fails while the region is down.
 * <p>
 * <b>Fail-back.</b> Once the active regions have passed every probe for {@code failBackAfter}, it launches spares in
 * them (as many as the autoscaler's replicas, taking no traffic yet); when all are ready, the active regions take
 * traffic again, those spares become the autoscaler's replicas, and the standby regions' replicas become spares
 * again (warm) or are drained (cold). An outage during fail-back returns to the standby side.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none after the first control interval.
 */
public final class ActivePassiveFailover extends ReplacingFailover
{
    private static final int NORMAL = 0;
    private static final int FAILED_OVER = 1;
    private static final int FAILING_BACK = 2;

    private final boolean[] activeRegion;
    private final boolean[] standbyRegion;
    private final boolean warm;
    private final long intervalNs;
    private final int unhealthyThreshold;
    private final long failBackNs;
    private final int market;
    /** Per offer: a standby spare may run there; then, for fail-back, an active-side spare. */
    private boolean[] standbyOffer;
    private boolean[] activeOffer;

    private int phase = NORMAL;
    private int failedProbes;
    private long healthySinceNs = -1;
    private long takeovers;
    private long failBacks;

    /**
     * @param activeRegion       per region: serves in normal operation.
     * @param standbyRegion      per region: takes over; disjoint from the active ones.
     * @param warm               true to keep a running standby, false to launch it on takeover.
     * @param intervalNs         health-check interval, ns.
     * @param unhealthyThreshold failed probes in a row before takeover.
     * @param failBackNs         healthy time of the active regions before fail-back, ns.
     * @param market             {@link CloudModel#ON_DEMAND} or {@link CloudModel#SPOT}: where warm spares run.
     * @param maxRetries         retries allowed per request for lost replicas.
     */
    public ActivePassiveFailover(final boolean[] activeRegion, final boolean[] standbyRegion, final boolean warm,
        final long intervalNs, final int unhealthyThreshold, final long failBackNs, final int market,
        final int maxRetries)
    {
        super(maxRetries);
        if (activeRegion.length != standbyRegion.length || intervalNs <= 0 || unhealthyThreshold < 1 ||
            failBackNs < 0)
        {
            throw new IllegalArgumentException("region masks of one length, a positive interval and threshold required");
        }
        this.activeRegion = activeRegion.clone();
        this.standbyRegion = standbyRegion.clone();
        this.warm = warm;
        this.intervalNs = intervalNs;
        this.unhealthyThreshold = unhealthyThreshold;
        this.failBackNs = failBackNs;
        this.market = market;
    }

    @Override
    public void onStart(final SimulationView view, final FleetControl fleet)
    {
        final CloudModel model = view.model();
        standbyOffer = new boolean[model.offers()];
        activeOffer = new boolean[model.offers()];
        for (int offer = 0; offer < standbyOffer.length; offer++)
        {
            final boolean inMarket = model.offerMarket[offer] == market;
            standbyOffer[offer] = inMarket && standbyRegion[model.offerRegion[offer]];
            activeOffer[offer] = inMarket && activeRegion[model.offerRegion[offer]];
        }
        serve(fleet, activeRegion, true);
        fleet.wakeAt(view.nowNs() + intervalNs);
    }

    @Override
    public void onControl(final SimulationView view, final FleetControl fleet)
    {
        keepSpares(view, fleet);
    }

    @Override
    public void onWake(final SimulationView view, final FleetControl fleet)
    {
        final long nowNs = view.nowNs();
        final boolean healthy = activeRegionsUp(fleet);
        switch (phase)
        {
            case NORMAL:
                failedProbes = healthy ? 0 : failedProbes + 1;
                if (failedProbes >= unhealthyThreshold)
                {
                    takeOver(view, fleet);
                }
                break;
            case FAILED_OVER:
                if (!healthy)
                {
                    healthySinceNs = -1;
                }
                else if (healthySinceNs < 0)
                {
                    healthySinceNs = nowNs;
                }
                if (healthySinceNs >= 0 && nowNs - healthySinceNs >= failBackNs)
                {
                    phase = FAILING_BACK;
                    keepSpares(view, fleet);
                }
                break;
            default:
                if (!healthy)
                {
                    phase = FAILED_OVER;
                    healthySinceNs = -1;
                }
                keepSpares(view, fleet);
                break;
        }
        fleet.wakeAt(nowNs + intervalNs);
    }

    /** @return takeovers so far. */
    public long takeovers()
    {
        return takeovers;
    }

    /** @return completed fail-backs so far. */
    public long failBacks()
    {
        return failBacks;
    }

    private boolean activeRegionsUp(final FleetControl fleet)
    {
        for (int region = 0; region < activeRegion.length; region++)
        {
            if (activeRegion[region] && !fleet.regionUp(region))
            {
                return false;
            }
        }
        return true;
    }

    /** Only the given side's regions are placeable and take traffic (turning the new side on first). */
    private static void serve(final FleetControl fleet, final boolean[] side, final boolean switchTraffic)
    {
        for (int region = 0; region < side.length; region++)
        {
            fleet.setRegionPlaceable(region, side[region]);
            if (switchTraffic && side[region])
            {
                fleet.setRegionTraffic(region, true);
            }
        }
        for (int region = 0; region < side.length; region++)
        {
            if (switchTraffic && !side[region])
            {
                fleet.setRegionTraffic(region, false);
            }
        }
    }

    private void takeOver(final SimulationView view, final FleetControl fleet)
    {
        phase = FAILED_OVER;
        failedProbes = 0;
        healthySinceNs = -1;
        takeovers++;
        final int replicaCount = view.replicaCount();
        for (int r = 0; r < replicaCount; r++)
        {
            if (view.replicaSpare(r) && standbyRegion[view.model().offerRegion[view.replicaOffer(r)]])
            {
                fleet.adopt(r);
            }
        }
        serve(fleet, standbyRegion, true);
        fleet.scaleNow();
    }

    /**
     * Normal and warm: standby spares as many as the autoscaler's replicas. Failing back: spares in the active regions
     * as many as the autoscaler's replicas, then the switch once all are ready.
     */
    private void keepSpares(final SimulationView view, final FleetControl fleet)
    {
        if (phase == FAILED_OVER || (phase == NORMAL && (!warm || !activeRegionsUp(fleet))))
        {
            // While the active regions are down and not yet detected, their replicas are gone from the count: the
            // standby must not shrink to match.
            return;
        }
        final boolean[] where = phase == NORMAL ? standbyRegion : activeRegion;
        final boolean[] offers = phase == NORMAL ? standbyOffer : activeOffer;
        final CloudModel model = view.model();
        final int wanted = view.activeReplicas();
        int live = 0;
        int ready = 0;
        final int replicaCount = view.replicaCount();
        for (int r = 0; r < replicaCount; r++)
        {
            final int state = view.replicaState(r);
            if (view.replicaSpare(r) && SpareOffer.live(state) && where[model.offerRegion[view.replicaOffer(r)]])
            {
                live++;
                ready += state == SimulationView.READY ? 1 : 0;
            }
        }
        while (live < wanted)
        {
            final int offer = SpareOffer.cheapest(view, fleet, offers);
            if (offer < 0 || fleet.launchSpare(offer) < 0)
            {
                break;
            }
            live++;
        }
        // Trimmed only when well above the count (by more than a tenth, at least 2), so that the spares do not churn
        // (retired, then launched again) with every small move of the autoscaler.
        final int keep = live > wanted + Math.max(1, wanted / 10) ? wanted : live;
        for (int r = replicaCount - 1; r >= 0 && live > keep; r--)
        {
            if (view.replicaSpare(r) && SpareOffer.live(view.replicaState(r)) &&
                where[model.offerRegion[view.replicaOffer(r)]])
            {
                live--;
                ready -= view.replicaState(r) == SimulationView.READY ? 1 : 0;
                fleet.retire(r);
            }
        }
        if (phase == FAILING_BACK && ready >= wanted)
        {
            failBack(view, fleet);
        }
    }

    private void failBack(final SimulationView view, final FleetControl fleet)
    {
        final CloudModel model = view.model();
        final int replicaCount = view.replicaCount();
        for (int r = 0; r < replicaCount; r++)
        {
            final int region = model.offerRegion[view.replicaOffer(r)];
            if (view.replicaSpare(r) && activeRegion[region])
            {
                fleet.adopt(r);
            }
        }
        serve(fleet, activeRegion, true);
        for (int r = 0; r < replicaCount; r++)
        {
            final int region = model.offerRegion[view.replicaOffer(r)];
            if (!view.replicaSpare(r) && standbyRegion[region] && SpareOffer.live(view.replicaState(r)))
            {
                if (warm)
                {
                    fleet.release(r);
                }
                else
                {
                    fleet.retire(r);
                }
            }
        }
        phase = NORMAL;
        failBacks++;
        fleet.scaleNow();
    }

    /** Registry entry: {@code type: active-passive}. */
    public static final class Provider extends PolicyProvider<FailoverPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.FAILOVER, "active-passive",
                "standby regions take over after a health-check detection delay, and hand back after recovery",
                PolicyParameter.names("active", PolicyContext.Names.REGIONS)
                    .doc("regions that serve in normal operation (give them: all regions cannot be active)").build(),
                PolicyParameter.names("standby", PolicyContext.Names.REGIONS)
                    .doc("regions that take over; none of the active ones").build(),
                PolicyParameter.choice("mode", "warm", "cold").defaultValue("warm")
                    .doc("warm: standby replicas run (billed, no traffic); cold: launched at takeover").build(),
                PolicyParameter.duration("healthCheckInterval", 1_000_000_000L, 3_600_000_000_000L)
                    .defaultValue(10_000_000_000L).doc("time between health checks of the active regions").build(),
                PolicyParameter.integer("unhealthyThreshold", 1, 100).defaultValue(3).unit("checks")
                    .doc("failed checks in a row before the standby takes over").build(),
                PolicyParameter.duration("failBackAfter", 0, 7 * 86_400_000_000_000L)
                    .defaultValue(600_000_000_000L)
                    .doc("how long the active regions must pass every check before traffic goes back").build(),
                SpareOffer.market("standbyMarket", "the market warm standby replicas run in"),
                ReplacingFailover.retries());
        }

        @Override
        public FailoverPolicy create(final PolicyArguments arguments)
        {
            final List<String> regions = arguments.context().regions();
            final boolean[] active = arguments.getMask("active");
            final boolean[] standby = arguments.getMask("standby");
            for (int region = 0; region < regions.size(); region++)
            {
                if (active[region] && standby[region])
                {
                    throw new IllegalArgumentException("region '" + regions.get(region) +
                        "' is both active and standby: list each region under one of 'active' and 'standby'");
                }
            }
            if (arguments.getStrings("active").isEmpty() || arguments.getStrings("standby").isEmpty())
            {
                throw new IllegalArgumentException("'active' and 'standby' each need at least one region");
            }
            return new ActivePassiveFailover(active, standby, "warm".equals(arguments.getString("mode")),
                arguments.getDurationNs("healthCheckInterval"), arguments.getInt("unhealthyThreshold"),
                arguments.getDurationNs("failBackAfter"), SpareOffer.marketCode(arguments.getString("standbyMarket")),
                arguments.getInt("retries"));
        }
    }
}

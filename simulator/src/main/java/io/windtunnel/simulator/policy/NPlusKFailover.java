package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

import java.util.Arrays;

/**
 * N+k redundancy: beyond the autoscaler's N replicas, keep {@code spares} (k) spare replicas in failure domains other
 * than the one holding most of the N, so that losing that domain (a zone, a region or a provider, as {@code domain}
 * says) still leaves k replicas serving while the N are replaced.
 * <p>
 * <b>Spares take traffic:</b> they are ordinary ready replicas on the ready list (the balancer sends them requests),
 * billed like any other; they are only outside the autoscaler's count ({@link FleetControl}), so the autoscaler
 * neither drains them nor counts them toward N. Redundancy that sits idle is what {@link ActivePassiveFailover}'s
 * warm standby is.
 * <p>
 * <b>Keeping them</b> (every control interval, after the autoscaler acted): the primary domain is the one with the
 * most of the autoscaler's replicas (provisioning or ready; ties to the lower domain number); a spare counts if it is
 * provisioning or ready and outside it. Missing spares launch at the cheapest launchable offer of {@code market}
 * outside the primary domain (price per worker-speed now, ties to the lower offer index); extra ones (more than k
 * counted) are retired newest first; spares that find themselves in the primary domain (the N moved there) are
 * retired once k counted spares are ready. A lost spare is not replaced at once (its replacement comes at the next
 * control interval); the autoscaler's replicas are handled as {@link DrainOnNoticeFailover} does: drained at a
 * notice and replaced at once through the placement policy, their requests retried {@code retries} times.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none after the first control interval (its tables are
 * sized from the model then).
 */
public final class NPlusKFailover extends ReplacingFailover
{
    private final int spares;
    private final int level;
    private final int market;
    private int[] offerDomain;
    private int[] domainActive;
    private boolean[] allowed;

    /**
     * @param spares     k, spare replicas to keep.
     * @param level      {@link SpreadPlacement#ZONE}, {@link SpreadPlacement#REGION} or {@link SpreadPlacement#PROVIDER}.
     * @param market     {@link CloudModel#ON_DEMAND} or {@link CloudModel#SPOT}: where spares run.
     * @param maxRetries retries allowed per request for lost replicas.
     */
    public NPlusKFailover(final int spares, final int level, final int market, final int maxRetries)
    {
        super(maxRetries);
        if (spares < 0 || level < SpreadPlacement.ZONE || level > SpreadPlacement.PROVIDER)
        {
            throw new IllegalArgumentException("spares >= 0 and a domain level required");
        }
        this.spares = spares;
        this.level = level;
        this.market = market;
    }

    @Override
    public void onControl(final SimulationView view, final FleetControl fleet)
    {
        final CloudModel model = view.model();
        if (offerDomain == null)
        {
            offerDomain = SpreadPlacement.offerGroups(model, level);
            domainActive = new int[SpreadPlacement.groupCount(model)];
            allowed = new boolean[model.offers()];
        }
        final int primary = primaryDomain(view);
        int counted = 0;
        int countedReady = 0;
        final int replicaCount = view.replicaCount();
        for (int r = 0; r < replicaCount; r++)
        {
            final int state = view.replicaState(r);
            if (view.replicaSpare(r) && SpareOffer.live(state) && offerDomain[view.replicaOffer(r)] != primary)
            {
                counted++;
                countedReady += state == SimulationView.READY ? 1 : 0;
            }
        }
        for (int offer = 0; offer < allowed.length; offer++)
        {
            allowed[offer] = model.offerMarket[offer] == market && offerDomain[offer] != primary;
        }
        while (counted < spares)
        {
            final int offer = SpareOffer.cheapest(view, fleet, allowed);
            if (offer < 0 || fleet.launchSpare(offer) < 0)
            {
                break;
            }
            counted++;
        }
        // Newest first: extra counted spares, then (once k counted ones serve) spares in the primary domain.
        for (int r = replicaCount - 1; r >= 0; r--)
        {
            if (!view.replicaSpare(r) || !SpareOffer.live(view.replicaState(r)))
            {
                continue;
            }
            if (offerDomain[view.replicaOffer(r)] == primary)
            {
                if (countedReady >= spares)
                {
                    fleet.retire(r);
                }
            }
            else if (counted > spares)
            {
                counted--;
                fleet.retire(r);
            }
        }
    }

    /** The domain with the most of the autoscaler's provisioning or ready replicas, or -1 if there are none. */
    private int primaryDomain(final SimulationView view)
    {
        final int[] active = domainActive;
        Arrays.fill(active, 0);
        for (int offer = 0; offer < offerDomain.length; offer++)
        {
            active[offerDomain[offer]] += view.offerActiveReplicas(offer);
        }
        int primary = -1;
        int most = 0;
        for (int domain = 0; domain < active.length; domain++)
        {
            if (active[domain] > most)
            {
                most = active[domain];
                primary = domain;
            }
        }
        return primary;
    }

    /** Registry entry: {@code type: n-plus-k}. */
    public static final class Provider extends PolicyProvider<FailoverPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.FAILOVER, "n-plus-k",
                "keeps k spare replicas that take traffic, outside the failure domain holding most of the N",
                PolicyParameter.integer("spares", 0, 10_000).defaultValue(1).unit("replicas")
                    .doc("k: spare replicas kept beyond the autoscaler's N").build(),
                PolicyParameter.choice("domain", SpreadPlacement.LEVELS).defaultValue("region")
                    .doc("the failure domain spares avoid: zone (an offer without a zone counts as its region), " +
                        "region or provider").build(),
                SpareOffer.market("market", "the market spares run in"),
                ReplacingFailover.retries());
        }

        @Override
        public FailoverPolicy create(final PolicyArguments arguments)
        {
            return new NPlusKFailover(arguments.getInt("spares"),
                Arrays.asList(SpreadPlacement.LEVELS).indexOf(arguments.getString("domain")),
                SpareOffer.marketCode(arguments.getString("market")), arguments.getInt("retries"));
        }
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

/**
 * Edge reserve: keeps every edge site full (its quota is its hard capacity) and places the rest of the autoscaler's
 * count in the cloud, on the cheapest allowed offers. It is the placement under the edge balancers
 * ({@link EdgeFirstBalancer}, {@link LatencyBudgetBalancer}): they route, it keeps the edge capacity they route to.
 * <p>
 * <b>Plan</b> ({@link #planAllocation}, at every control decision): each edge site up to its quota, the missing
 * replicas on the site's cheapest available offer (per worker-speed); a site whose offers are all unavailable (an
 * outage) keeps what it has, nothing. The edge replicas count toward the autoscaler's desired count; the cloud holds
 * {@code max(minCloud, desired - edge replicas planned)}, at least {@code minCloud} so that requests spilled from a
 * full site find a cloud replica ready instead of queueing at the site: a shortfall goes to the cheapest available allowed cloud offer, a
 * surplus is taken from the dearest cloud offers first. So while a site is down its share moves to the cloud, and when
 * it is back the cloud gives it back. Edge sites are kept full whatever the autoscaler says because an edge site is
 * leased: a slot costs the same idle or busy (see docs/policies.md, "Edge sites").
 * <p>
 * <b>One at a time</b> ({@link #chooseOffer}: failover replacements): an edge site with room first (lowest region
 * index), else the cheapest available allowed cloud offer.
 * <p>
 * {@code markets} and {@code providers} restrict the cloud part only; edge offers are recognized by their region
 * ({@link CloudModel#regionEdge}), whatever their provider.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none after the first call (scratch sized then).
 */
public final class EdgeReservePlacement implements PlacementPolicy
{
    /** The YAML type, also the policy name in its recorded decisions. */
    public static final String TYPE = "edge-reserve";
    /** Rule of a choice at an edge site. */
    public static final String RULE_EDGE = "an edge site with room first (lowest region index)";
    /** Rule of a choice in the cloud. */
    public static final String RULE_CLOUD = "no edge site with room: lowest pricePerWorkerHourUsd among allowed " +
        "available cloud offers";

    private final OfferFilter filter;
    private final int minCloud;

    /**
     * @param allowedMarket   per market code: may the cloud part use it.
     * @param allowedProvider per provider index: may the cloud part use it.
     * @param minCloud        fewest cloud replicas planned, whatever the edge holds; not negative.
     */
    public EdgeReservePlacement(final boolean[] allowedMarket, final boolean[] allowedProvider, final int minCloud)
    {
        if (minCloud < 0)
        {
            throw new IllegalArgumentException("minCloud must not be negative: " + minCloud);
        }
        filter = new OfferFilter(allowedMarket.clone(), allowedProvider.clone());
        this.minCloud = minCloud;
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        final CloudModel model = view.model();
        final boolean explain = OfferFilter.beginDecision(view, TYPE);
        final int edge = cheapestOffer(view, model, true, -1);
        final int chosen = edge >= 0 ? edge : cheapestOffer(view, model, false, -1);
        if (explain)
        {
            final DecisionRecorder decisions = view.decisions();
            if (chosen >= 0)
            {
                decisions.option(chosen);
                decisions.score(CheapestOffer.PRICE, view.offerPricePerHourUsd(chosen));
                decisions.score(CheapestOffer.PRICE_PER_WORKER, OfferFilter.pricePerWorkerSpeedHourUsd(view, model,
                    chosen));
            }
            decisions.chose(chosen, chosen < 0 ? OfferFilter.NONE_AVAILABLE : edge >= 0 ? RULE_EDGE : RULE_CLOUD);
        }
        return chosen;
    }

    @Override
    public boolean planAllocation(final SimulationView view, final int desiredReplicas, final int[] replicasPerOffer)
    {
        final CloudModel model = view.model();
        final int[] plan = replicasPerOffer;
        int edgePlanned = 0;
        for (int site = 0; site < model.regionNames.length; site++)
        {
            if (!model.regionEdge[site])
            {
                continue;
            }
            int held = 0;
            for (int offer = 0; offer < plan.length; offer++)
            {
                if (model.offerRegion[offer] == site)
                {
                    held += plan[offer];
                }
            }
            final int missing = model.regionQuota[site] - held;
            if (missing > 0)
            {
                final int offer = cheapestOffer(view, model, true, site);
                if (offer >= 0)
                {
                    plan[offer] += missing;
                    held += missing;
                }
            }
            edgePlanned += held;
        }
        int cloudHeld = 0;
        for (int offer = 0; offer < plan.length; offer++)
        {
            if (!model.regionEdge[model.offerRegion[offer]])
            {
                cloudHeld += plan[offer];
            }
        }
        final int cloudWanted = Math.max(minCloud, desiredReplicas - edgePlanned);
        if (cloudHeld < cloudWanted)
        {
            final int offer = cheapestOffer(view, model, false, -1);
            if (offer >= 0)
            {
                plan[offer] += cloudWanted - cloudHeld;
            }
        }
        for (int surplus = cloudHeld - cloudWanted; surplus > 0; surplus--)
        {
            plan[dearestCloudOffer(view, model, plan)]--;
        }
        return true;
    }

    /**
     * @param edge true for edge offers (of {@code site}, or of any site when it is -1), false for allowed cloud ones.
     * @return the available offer with the lowest price per worker-speed (the lower index on ties), or -1.
     */
    private int cheapestOffer(final SimulationView view, final CloudModel model, final boolean edge, final int site)
    {
        int best = -1;
        double bestPrice = Double.MAX_VALUE;
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            final int region = model.offerRegion[offer];
            if (model.regionEdge[region] != edge || site >= 0 && region != site ||
                !edge && !filter.allows(model, offer) || !view.offerAvailable(offer))
            {
                continue;
            }
            final double price = OfferFilter.pricePerWorkerSpeedHourUsd(view, model, offer);
            if (price < bestPrice)
            {
                bestPrice = price;
                best = offer;
            }
        }
        return best;
    }

    /** @return the cloud offer with planned replicas and the highest price per worker-speed (the higher index on ties). */
    private static int dearestCloudOffer(final SimulationView view, final CloudModel model, final int[] plan)
    {
        int worst = -1;
        double worstPrice = -1;
        for (int offer = 0; offer < plan.length; offer++)
        {
            if (plan[offer] > 0 && !model.regionEdge[model.offerRegion[offer]])
            {
                final double price = OfferFilter.pricePerWorkerSpeedHourUsd(view, model, offer);
                if (price >= worstPrice)
                {
                    worstPrice = price;
                    worst = offer;
                }
            }
        }
        return worst;
    }

    /** Registry entry: {@code type: edge-reserve}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "every edge site kept at its capacity; the rest of the count on the cheapest allowed cloud offer",
                OfferFilter.markets(), OfferFilter.providers(),
                PolicyParameter.integer("minCloud", 0, 1000).defaultValue(1).unit("replicas")
                    .doc("fewest cloud replicas kept, however many the edge sites hold, so that spilled requests " +
                        "find one ready")
                    .build());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new EdgeReservePlacement(OfferFilter.marketMask(arguments), OfferFilter.providerMask(arguments),
                arguments.getInt("minCloud"));
        }
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

import java.util.Arrays;

/**
 * Spread placement: the cheapest available offer per worker-speed (as {@link CheapestPricePlacement}) among those
 * whose group (zone, region or provider: the {@code level} parameter) runs fewer than {@code maxPerGroup} active
 * replicas (provisioning or ready), so that one zone's, region's or provider's failure or preemption burst takes at
 * most that many at once. An offer without a zone is its region's only zone at level {@code zone}. When every group
 * that has an available allowed offer is full, it answers -1: the launch is refused and counted in
 * {@code replicas.launches_refused}, and the fleet stays below the autoscaler's count until a group has room (it
 * never overfills a group to meet the count).
 * <p>
 * Each choice is recorded through {@link SimulationView#decisions()}: every available allowed offer with its price
 * per worker-speed-hour and its group's active replicas.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> its per-group counts on the first call; none after.
 */
public final class SpreadPlacement implements PlacementPolicy
{
    /** The YAML type. */
    public static final String TYPE = "spread";
    /** Level: an availability zone (an offer without a zone counts as its region's). */
    public static final int ZONE = 0;
    /** Level: a cloud region. */
    public static final int REGION = 1;
    /** Level: a provider. */
    public static final int PROVIDER = 2;

    static final String[] LEVELS = {"zone", "region", "provider"};
    private static final String PRICE = "pricePerWorkerSpeedHourUsd";
    private static final String GROUP_ACTIVE = "groupActiveReplicas";
    private static final String RULE = "cheapest per worker-speed with room in its group";
    private static final String FULL = "every group with an available offer is full";

    private final OfferFilter filter;
    private final int level;
    private final int maxPerGroup;
    private int[] offerGroup;
    private int[] groupActive;

    /**
     * @param allowedMarket   per market code: may it be used.
     * @param allowedProvider per provider index: may it be used.
     * @param level           {@link #ZONE}, {@link #REGION} or {@link #PROVIDER}.
     * @param maxPerGroup     the most active replicas per group, at least 1.
     */
    public SpreadPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider, final int level,
        final int maxPerGroup)
    {
        this(new OfferFilter(allowedMarket, allowedProvider), level, maxPerGroup);
    }

    private SpreadPlacement(final OfferFilter filter, final int level, final int maxPerGroup)
    {
        if (level < ZONE || level > PROVIDER)
        {
            throw new IllegalArgumentException("level must be ZONE, REGION or PROVIDER, was " + level);
        }
        if (maxPerGroup < 1)
        {
            throw new IllegalArgumentException("maxPerGroup must be at least 1, was " + maxPerGroup);
        }
        this.filter = filter;
        this.level = level;
        this.maxPerGroup = maxPerGroup;
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        final CloudModel model = view.model();
        final int offers = model.offers();
        if (offerGroup == null)
        {
            groups(model);
        }
        Arrays.fill(groupActive, 0);
        for (int offer = 0; offer < offers; offer++)
        {
            groupActive[offerGroup[offer]] += view.offerActiveReplicas(offer);
        }
        final DecisionRecorder log = view.decisions();
        final boolean recording = OfferFilter.beginDecision(view, TYPE);
        int best = -1;
        double bestPrice = Double.MAX_VALUE;
        boolean anyAvailable = false;
        for (int offer = 0; offer < offers; offer++)
        {
            if (!filter.usable(view, model, offer))
            {
                continue;
            }
            anyAvailable = true;
            final double price = OfferFilter.pricePerWorkerSpeedHourUsd(view, model, offer);
            final int active = groupActive[offerGroup[offer]];
            if (recording)
            {
                log.option(offer);
                log.score(PRICE, price);
                log.score(GROUP_ACTIVE, active);
            }
            if (active < maxPerGroup && price < bestPrice)
            {
                bestPrice = price;
                best = offer;
            }
        }
        if (recording)
        {
            log.chose(best, best >= 0 ? RULE : anyAvailable ? FULL : OfferFilter.NONE_AVAILABLE);
        }
        return best;
    }

    /** Numbers each offer's group at this level: zones (a region-wide offer: its region), regions or providers. */
    private void groups(final CloudModel model)
    {
        offerGroup = offerGroups(model, level);
        groupActive = new int[groupCount(model)];
    }

    /**
     * @param model a model.
     * @param level {@link #ZONE} (an offer without a zone counts as its region), {@link #REGION} or
     *              {@link #PROVIDER}.
     * @return per offer: its group at that level, below {@link #groupCount}.
     */
    static int[] offerGroups(final CloudModel model, final int level)
    {
        final int offers = model.offers();
        final int[] offerGroup = new int[offers];
        final int zones = model.zoneNames.length;
        for (int offer = 0; offer < offers; offer++)
        {
            final int region = model.offerRegion[offer];
            final int zone = model.offerZone[offer];
            switch (level)
            {
                case ZONE:
                    offerGroup[offer] = zone != CloudModel.NO_ZONE ? zone : zones + region;
                    break;
                case REGION:
                    offerGroup[offer] = region;
                    break;
                default:
                    offerGroup[offer] = model.regionProvider[region];
                    break;
            }
        }
        return offerGroup;
    }

    /**
     * @param model a model.
     * @return an upper bound of the groups {@link #offerGroups} numbers, at any level.
     */
    static int groupCount(final CloudModel model)
    {
        return model.zoneNames.length + model.regionNames.length + model.providerNames.length;
    }

    /** Registry entry: {@code type: spread}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "cheapest per worker-speed, at most maxPerGroup active replicas per zone, region or provider",
                OfferFilter.markets(), OfferFilter.providers(),
                PolicyParameter.choice("level", LEVELS).defaultValue("zone")
                    .doc("what a group is: zone (an offer without a zone counts as its region), region or provider")
                    .build(),
                PolicyParameter.integer("maxPerGroup", 1, 1_000_000).unit("replicas")
                    .doc("the most active replicas per group; launches beyond every group's room are refused")
                    .build());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new SpreadPlacement(OfferFilter.from(arguments),
                Arrays.asList(LEVELS).indexOf(arguments.getString("level")), arguments.getInt("maxPerGroup"));
        }
    }
}

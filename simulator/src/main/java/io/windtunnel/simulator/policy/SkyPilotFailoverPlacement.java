package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

/**
 * SkyPilot's {@code FAILOVER} managed-job recovery strategy ({@code FailoverStrategyExecutor} in
 * {@code sky/jobs/recovery_strategy.py}): a lost replica is relaunched in the same cloud and region first (with the
 * launched instance type and market, any zone: SkyPilot's {@code launched_resources.copy(cloud, region, zone=None)}),
 * up to {@code firstAttempts} attempts with SkyPilot's relaunch backoff, then anywhere allowed, cheapest first. The
 * mapping onto replicas, the attempts and the backoff are {@link SkyPilotRecovery}'s.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none (see {@link SkyPilotRecovery}).
 */
public final class SkyPilotFailoverPlacement extends SkyPilotRecovery
{
    /** The YAML type. */
    static final String TYPE = "skypilot-failover";
    /** Rule: relaunched in the lost replica's region. */
    static final String RULE_SAME_REGION = "same region first";
    /** Rule: nothing available in the lost replica's region; a backoff starts. */
    static final String RULE_SAME_REGION_BACK_OFF = "same region unavailable: backing off";
    /** Rule: the same-region attempts are used up; anywhere at once. */
    static final String RULE_SAME_REGION_USED_UP = "same region attempts used up: anywhere";

    /**
     * @param settings its parameters.
     */
    SkyPilotFailoverPlacement(final Settings settings)
    {
        super(settings, TYPE, RULE_SAME_REGION, RULE_SAME_REGION_BACK_OFF, RULE_SAME_REGION_USED_UP);
    }

    @Override
    boolean firstStepApplies(final CloudModel model, final int lostOffer)
    {
        return true;
    }

    @Override
    boolean firstStepAllows(final CloudModel model, final int lostOffer, final int offer)
    {
        return model.offerRegion[offer] == model.offerRegion[lostOffer] &&
            model.offerType[offer] == model.offerType[lostOffer] &&
            model.offerMarket[offer] == model.offerMarket[lostOffer];
    }

    /** Registry entry: {@code type: skypilot-failover}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "SkyPilot's FAILOVER recovery: relaunch in the lost replica's region first, then anywhere, " +
                    "cheapest first, with SkyPilot's relaunch backoff",
                recoveryParameters("launch attempts in the lost replica's region (same type and market) before " +
                    "anywhere (SkyPilot: 3)"));
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new SkyPilotFailoverPlacement(new Settings(arguments));
        }
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

/**
 * SkyPilot's {@code EAGER_NEXT_REGION} managed-job recovery strategy, its default
 * ({@code EagerFailoverStrategyExecutor} in {@code sky/jobs/recovery_strategy.py}): a lost replica is relaunched with its region excluded (every zone,
 * type and market of that cloud region), cheapest first, up to {@code firstAttempts} attempts with SkyPilot's relaunch
 * backoff, then anywhere allowed. As SkyPilot intends, the exclusion is skipped when the allowed offers are all in
 * the lost replica's region (a user who pins one region gains nothing from excluding it).
 * <p>
 * SkyPilot's own check tests the launched resources' region, which is never empty, so it never excludes the region
 * (skypilot-org/skypilot issue 10021); this port tests the allowed offers and always excludes it.
 * The mapping onto replicas, the attempts and the backoff are {@link SkyPilotRecovery}'s.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none (see {@link SkyPilotRecovery}).
 */
public final class EagerNextRegionPlacement extends SkyPilotRecovery
{
    /** The YAML type. */
    static final String TYPE = "eager-next-region";
    /** Rule: relaunched outside the lost replica's region. */
    static final String RULE_EXCLUDED = "preempted region excluded";
    /** Rule: nothing available outside the lost replica's region; a backoff starts. */
    static final String RULE_EXCLUDED_BACK_OFF = "other regions unavailable: backing off";
    /** Rule: the attempts outside the region are used up; anywhere at once. */
    static final String RULE_EXCLUDED_USED_UP = "other regions attempts used up: anywhere";

    /**
     * @param settings its parameters.
     */
    EagerNextRegionPlacement(final Settings settings)
    {
        super(settings, TYPE, RULE_EXCLUDED, RULE_EXCLUDED_BACK_OFF, RULE_EXCLUDED_USED_UP);
    }

    @Override
    boolean firstStepApplies(final CloudModel model, final int lostOffer)
    {
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            if (allowed(model, offer) && firstStepAllows(model, lostOffer, offer))
            {
                return true;
            }
        }
        return false;
    }

    @Override
    boolean firstStepAllows(final CloudModel model, final int lostOffer, final int offer)
    {
        return model.offerRegion[offer] != model.offerRegion[lostOffer];
    }

    /** Registry entry: {@code type: eager-next-region}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "SkyPilot's EAGER_NEXT_REGION recovery (its default): relaunch outside the lost replica's region " +
                    "first, then anywhere, cheapest first, with SkyPilot's relaunch backoff",
                recoveryParameters("launch attempts outside the lost replica's region before anywhere (SkyPilot: 3)"));
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new EagerNextRegionPlacement(new Settings(arguments));
        }
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.Market;

/**
 * Where the capacity failovers launch their spares: the cheapest offer a mask allows that can be launched now,
 * ignoring the placement mask the failover itself may have set ({@link FleetControl#offerLaunchable}), ranked by
 * price per worker-speed now as {@link CheapestPricePlacement} ranks, ties to the lower offer index.
 * <p>
 * <b>Threading:</b> stateless. <b>Allocation:</b> none.
 */
final class SpareOffer
{
    private SpareOffer()
    {
    }

    /**
     * @param view    the running simulation.
     * @param fleet   the failover's fleet controls.
     * @param allowed per offer: may a spare be launched there.
     * @return the offer, or -1 if no allowed offer can be launched now.
     */
    static int cheapest(final SimulationView view, final FleetControl fleet, final boolean[] allowed)
    {
        int best = -1;
        double bestPrice = Double.MAX_VALUE;
        for (int offer = 0; offer < allowed.length; offer++)
        {
            if (!allowed[offer] || !fleet.offerLaunchable(offer))
            {
                continue;
            }
            final double price = CheapestOffer.pricePerWorkerHourUsd(view, offer);
            if (price < bestPrice)
            {
                bestPrice = price;
                best = offer;
            }
        }
        return best;
    }

    /**
     * @param state a replica state.
     * @return true if provisioning or ready: a spare that is coming or there.
     */
    static boolean live(final int state)
    {
        return state == SimulationView.PROVISIONING || state == SimulationView.READY;
    }

    /**
     * @param name YAML key.
     * @param doc  what it is for.
     * @return a parameter naming one market, {@code on-demand} (the default) or {@code spot} (aliases as
     * {@link Market#parse}).
     */
    static PolicyParameter market(final String name, final String doc)
    {
        return PolicyParameter.choice(name, Market.ON_DEMAND.label(), Market.SPOT.label())
            .defaultValue(Market.ON_DEMAND.label())
            .aliases(text -> {
                final Market parsed = Market.parse(text);
                return parsed == null ? null : parsed.label();
            })
            .doc(doc).build();
    }

    /**
     * @param label a value of a {@link #market} parameter.
     * @return {@link CloudModel#ON_DEMAND} or {@link CloudModel#SPOT}.
     */
    static int marketCode(final String label)
    {
        return Market.parse(label) == Market.SPOT ? CloudModel.SPOT : CloudModel.ON_DEMAND;
    }
}

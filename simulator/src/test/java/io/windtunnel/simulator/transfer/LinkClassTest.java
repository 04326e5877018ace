package io.windtunnel.simulator.transfer;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkClassTest
{
    @Test
    void shouldClassifyLinksByZoneRegionProviderAndEdge()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int q = b.provider("q", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        final int s = b.region(p, "s", 10);
        final int u = b.region(q, "u", 10);
        final int edge = b.region(q, "site", 2);
        b.edgeSite(edge);
        final int ra = b.zone(r, "r-a");
        final int rb = b.zone(r, "r-b");
        final int t = b.instanceType(p, "t", 1, 1, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", LoadSeries.constant(1));
        final CloudModel m = b.build();

        assertThat(LinkClass.between(m, r, ra, r, ra)).isEqualTo(LinkClass.SAME_ZONE);
        assertThat(LinkClass.between(m, r, ra, r, CloudModel.NO_ZONE)).isEqualTo(LinkClass.SAME_ZONE);
        assertThat(LinkClass.between(m, r, ra, r, rb)).isEqualTo(LinkClass.OTHER_ZONE);
        assertThat(LinkClass.between(m, r, ra, s, CloudModel.NO_ZONE)).isEqualTo(LinkClass.OTHER_REGION);
        assertThat(LinkClass.between(m, s, CloudModel.NO_ZONE, u, CloudModel.NO_ZONE)).isEqualTo(LinkClass.INTERNET);
        assertThat(LinkClass.between(m, r, ra, edge, CloudModel.NO_ZONE)).isEqualTo(LinkClass.EDGE);
        assertThat(LinkClass.between(m, u, CloudModel.NO_ZONE, edge, CloudModel.NO_ZONE)).isEqualTo(LinkClass.EDGE);
        assertThat(LinkClass.ofClient(m, r)).isEqualTo(LinkClass.INTERNET);
        assertThat(LinkClass.ofClient(m, edge)).isEqualTo(LinkClass.EDGE);
        assertThat(m.regionEdge).containsExactly(false, false, false, true);
        for (int c = 0; c < LinkClass.COUNT; c++)
        {
            assertThat(LinkClass.parse(LinkClass.NAMES[c])).isEqualTo(c);
        }
        assertThat(LinkClass.parse("moon")).isEqualTo(-1);
    }
}

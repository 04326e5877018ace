package io.windtunnel.engine.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ErlangCTest
{
    @Test
    void shouldReduceToMm1()
    {
        // M/M/1: P(wait) = rho, W = 1 / (mu - lambda), sojourn ~ Exp(mu - lambda).
        assertThat(ErlangC.probabilityOfWait(1, 0.8, 1.0)).isCloseTo(0.8, within(1e-12));
        assertThat(ErlangC.meanSojourn(1, 0.8, 1.0)).isCloseTo(5.0, within(1e-9));
        assertThat(ErlangC.sojournQuantile(1, 0.8, 1.0, 0.99)).isCloseTo(Math.log(100) / 0.2, within(1e-6));
    }

    @Test
    void shouldMatchHandComputedMm2()
    {
        // c = 2, a = 1 (rho = 0.5): P0 = 1/3, C = a^2/2! * 1/(1-rho) * P0 = 1/3; W = C/(2-1) + 1 = 4/3.
        assertThat(ErlangC.probabilityOfWait(2, 1.0, 1.0)).isCloseTo(1.0 / 3.0, within(1e-12));
        assertThat(ErlangC.meanSojourn(2, 1.0, 1.0)).isCloseTo(4.0 / 3.0, within(1e-12));
        assertThat(ErlangC.meanInSystem(2, 1.0, 1.0)).isCloseTo(4.0 / 3.0, within(1e-12));
    }

    @Test
    void shouldInvertSurvivalAtQuantile()
    {
        final double p99 = ErlangC.sojournQuantile(8, 6.4, 1.0, 0.99);
        assertThat(ErlangC.sojournSurvival(8, 6.4, 1.0, p99)).isCloseTo(0.01, within(1e-9));
        assertThat(ErlangC.sojournSurvival(8, 6.4, 1.0, 0)).isCloseTo(1.0, within(1e-12));
        // theta == mu: the Erlang-2 branch.
        assertThat(ErlangC.sojournSurvival(2, 1.0, 1.0, 1.0))
            .isCloseTo((2.0 / 3.0) * Math.exp(-1) + (1.0 / 3.0) * 2 * Math.exp(-1), within(1e-12));
    }

    @Test
    void shouldRejectUnstableQueues()
    {
        assertThatThrownBy(() -> ErlangC.probabilityOfWait(2, 2.0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErlangC.probabilityOfWait(0, 0.5, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}

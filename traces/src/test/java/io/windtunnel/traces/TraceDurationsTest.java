package io.windtunnel.traces;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceDurationsTest
{
    @Test
    void shouldReadEveryFormWhenParsing()
    {
        assertThat(TraceDurations.parseNs("250ms")).isEqualTo(250_000_000L);
        assertThat(TraceDurations.parseNs("1.5")).isEqualTo(1_500_000_000L);
        assertThat(TraceDurations.parseNs("2d")).isEqualTo(172_800_000_000_000L);
        assertThat(TraceDurations.parseNs("PT1M")).isEqualTo(60_000_000_000L);
        assertThatThrownBy(() -> TraceDurations.parseNs("-5s")).hasMessageContaining("cannot read '-5s' as a duration");
        assertThatThrownBy(() -> TraceDurations.parseNs("300000d")).hasMessageContaining("cannot read");
    }

    @Test
    void shouldKeepSignAndMagnitudeWhenParsingUnchecked()
    {
        assertThat(TraceDurations.parseUncheckedNs("-5s")).isEqualTo(-5e9);
        assertThat(TraceDurations.parseUncheckedNs("300000d")).isEqualTo(300000 * 86400e9);
        assertThat(TraceDurations.parseUncheckedNs("1e400s")).isInfinite();
        assertThat(TraceDurations.parseUncheckedNs("PT-5S")).isEqualTo(-5e9);
        assertThat(TraceDurations.parseUncheckedNs("-PT1M")).isEqualTo(-60e9);
        assertThat(TraceDurations.parseUncheckedNs(" 10m ")).isEqualTo(600e9);
        assertThatThrownBy(() -> TraceDurations.parseUncheckedNs("nan")).hasMessageContaining("cannot read 'nan'");
        assertThatThrownBy(() -> TraceDurations.parseUncheckedNs("5 parsecs")).hasMessageContaining("cannot read");
    }
}

package io.windtunnel.traces.gen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionMixTest
{
    @Test
    void shouldParseSharesAndLookUpOffsetsWhenRegionsAreKnown()
    {
        final RegionMix mix = RegionMix.parse("us-east:0.5, eu-west:0.3,ap-south:0.2");

        assertThat(mix.names()).containsExactly("us-east", "eu-west", "ap-south");
        assertThat(mix.region(0).share()).isEqualTo(0.5);
        assertThat(mix.utcOffsetHours(0)).isEqualTo(-5.0);
        assertThat(mix.utcOffsetHours(1)).isEqualTo(0.0);
        assertThat(mix.utcOffsetHours(2)).isEqualTo(5.5);
        assertThat(mix.isNone()).isFalse();
        assertThat(RegionMix.none().isNone()).isTrue();
    }

    @Test
    void shouldPreferExplicitOffsetAndLongestPrefixWhenLookingUp()
    {
        assertThat(RegionMix.parse("us-east:1@-4").utcOffsetHours(0)).isEqualTo(-4.0);
        assertThat(RegionMix.knownUtcOffsetHours("ap-southeast-2")).isEqualTo(10.0);
        assertThat(RegionMix.knownUtcOffsetHours("ap-southeast-1")).isEqualTo(8.0);
        assertThat(RegionMix.knownUtcOffsetHours("europe-west2")).isEqualTo(0.0);
        assertThat(RegionMix.knownUtcOffsetHours("europe-west1")).isEqualTo(1.0);
        assertThat(RegionMix.knownUtcOffsetHours("US-EAST-1")).isEqualTo(-5.0);
        assertThat(RegionMix.knownUtcOffsetHours("atlantis")).isNaN();
    }

    @Test
    void shouldRejectMalformedMixesWithTheOffendingEntry()
    {
        assertThatThrownBy(() -> RegionMix.parse("us-east")).hasMessageContaining("'us-east' is not name:share");
        assertThatThrownBy(() -> RegionMix.parse("us-east:half")).hasMessageContaining("cannot read 'half'");
        assertThatThrownBy(() -> RegionMix.parse("a:0.5,b:0.4")).hasMessageContaining("sum to 1, they sum to 0.9");
        assertThatThrownBy(() -> RegionMix.parse("a:0.5,a:0.5")).hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> RegionMix.parse("a:0,b:1")).hasMessageContaining("share of 'a'");
        assertThatThrownBy(() -> RegionMix.parse("a:1@20")).hasMessageContaining("within -14..14");
        assertThatThrownBy(() -> RegionMix.parse("a:1,")).hasMessageContaining("'' is not name:share");
    }
}

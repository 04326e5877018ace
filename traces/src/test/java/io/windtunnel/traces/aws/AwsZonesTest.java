package io.windtunnel.traces.aws;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsZonesTest
{
    @ParameterizedTest
    @CsvSource({
        "us-east-1b, us-east-1",
        "ap-northeast-1c, ap-northeast-1",
        "eu-central-2a, eu-central-2",
        "us-gov-west-1a, us-gov-west-1",
        "cn-northwest-1a, cn-northwest-1",
        "us-isob-east-1a, us-isob-east-1",
        "us-west-2-lax-1a, us-west-2",
        "us-east-1-bos-1a, us-east-1",
        "us-east-1-wl1-bos-wlz-1, us-east-1"})
    void shouldDeriveRegionWhenZoneNamed(final String zone, final String region)
    {
        assertThat(AwsZones.regionOf(zone)).isEqualTo(region);
        assertThat(AwsZones.isZoneName(zone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "us-east-1bb", "useast1b", "", "US-EAST-1B", "us-east-b"})
    void shouldRejectWhenNotZoneName(final String zone)
    {
        assertThat(AwsZones.isZoneName(zone)).isFalse();
        assertThatThrownBy(() -> AwsZones.regionOf(zone)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not an availability zone name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"use1-az2", "euc1-az3"})
    void shouldExplainWhenZoneIdGiven(final String zoneId)
    {
        assertThatThrownBy(() -> AwsZones.regionOf(zoneId)).hasMessageContaining("zone ID");
    }
}

package io.windtunnel.traces;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceTimesTest
{
    @Test
    void shouldAgreeWithJavaTimeOnRandomTimestampsInEveryAcceptedForm()
    {
        final SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 20_000; i++)
        {
            final long epochSecond = random.nextLong(-2_000_000_000L, 7_000_000_000L);
            final int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
            final int offsetMinutes = random.nextInt(3) == 0 ? 0 : random.nextInt(-14 * 60, 14 * 60 + 1);
            final OffsetDateTime time = Instant.ofEpochSecond(epochSecond, nanos)
                .atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            final long expected = epochSecond * 1_000_000_000L + nanos;
            final String iso = time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(TraceTimes.parseEpochNs(iso, null)).as(iso).isEqualTo(expected);
            final String spaced = iso.replace('T', ' ');
            assertThat(TraceTimes.parseEpochNs(spaced, null)).as(spaced).isEqualTo(expected);
        }
    }

    @Test
    void shouldReadTheFormsSeenInProviderData()
    {
        assertThat(TraceTimes.parseEpochNs("2023-12-30 21:17:02+00:00", null))
            .isEqualTo(Instant.parse("2023-12-30T21:17:02Z").getEpochSecond() * 1_000_000_000L);
        assertThat(TraceTimes.parseEpochNs("2016-06-30T00:00:05.000Z", null))
            .isEqualTo(Instant.parse("2016-06-30T00:00:05Z").getEpochSecond() * 1_000_000_000L);
        assertThat(TraceTimes.parseEpochNs("1703970422.125", null)).isEqualTo(1_703_970_422_125_000_000L);
        assertThat(TraceTimes.parseEpochNs("2024-02-29T12:00:00+0100", null))
            .isEqualTo(Instant.parse("2024-02-29T11:00:00Z").getEpochSecond() * 1_000_000_000L);
        assertThat(TraceTimes.parseEpochNs("2024-01-01 00:00:00", ZoneId.of("Europe/Berlin")))
            .isEqualTo(Instant.parse("2023-12-31T23:00:00Z").getEpochSecond() * 1_000_000_000L);
    }

    @Test
    void shouldRejectInvalidOrZonelessTimestamps()
    {
        assertThatThrownBy(() -> TraceTimes.parseEpochNs("2023-02-29T00:00:00Z", null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2023-02-29");
        assertThatThrownBy(() -> TraceTimes.parseEpochNs("2023-12-30T25:00:00Z", null))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceTimes.parseEpochNs("2023-12-30T21:17:02", null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no offset");
        assertThatThrownBy(() -> TraceTimes.parseEpochNs("2023-12-30T21:17:02.1234567891Z", null))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceTimes.parseEpochNs("yesterday", null))
            .isInstanceOf(IllegalArgumentException.class);
    }
}

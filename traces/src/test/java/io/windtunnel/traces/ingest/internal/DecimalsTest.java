package io.windtunnel.traces.ingest.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalsTest
{
    @ParameterizedTest
    @ValueSource(strings = {"0.156700", "12", "-3.5", ".5", "5.", "2.45009033306e+11", "1E5", "+7"})
    void shouldAcceptPlainDecimalsWhenWellFormed(final String text)
    {
        assertThat(Decimals.isDecimal(text)).isTrue();
        assertThat(Decimals.parseFinite(text, "a number")).isEqualTo(Double.parseDouble(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "0x1p3", "1.5d", "2f", "1e", "e5", ".", "-", "1,5",
        "0.1.2", "12abc", " ", ""})
    void shouldRejectWhatDoubleParsingWouldAcceptOrMisreadWhenNotPlainDecimal(final String text)
    {
        assertThat(Decimals.isDecimal(text)).isFalse();
        assertThatThrownBy(() -> Decimals.parseFinite(text, "a price")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("a price");
    }

    @Test
    void shouldRejectOverflowAndNegativesWhenAskedForNonNegative()
    {
        assertThatThrownBy(() -> Decimals.parseFinite("1e400", "a price")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Decimals.parseNonNegative("-0.01", "a price")).hasMessageContaining("negative");
        assertThat(Decimals.parseNonNegative("-0", "a price")).isEqualTo(0.0).isNotNegative();
    }

    @Test
    void shouldReadCountsOnlyWhenWhole()
    {
        assertThat(Decimals.parseCount("12", "a count")).isEqualTo(12);
        assertThat(Decimals.parseCount("12.0", "a count")).isEqualTo(12);
        assertThatThrownBy(() -> Decimals.parseCount("12.5", "a count")).hasMessageContaining("whole");
        assertThatThrownBy(() -> Decimals.parseCount("-1", "a count")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Decimals.parseCount("1e20", "a count")).hasMessageContaining("too large");
    }

    @Test
    void shouldRoundTripRandomDecimalsWhenGeneratedFromSeed()
    {
        final SplittableRandom random = new SplittableRandom(20240302);
        for (int i = 0; i < 2000; i++)
        {
            final BigDecimal value = BigDecimal.valueOf(random.nextLong(-1_000_000_000L, 1_000_000_000L),
                random.nextInt(0, 9));
            final String text = random.nextBoolean() ? value.toPlainString() : value.toString();
            assertThat(Decimals.isDecimal(text)).as(text).isTrue();
            assertThat(Decimals.parseFinite(text, "x")).as(text).isEqualTo(value.doubleValue());
        }
    }
}

package io.windtunnel.engine.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeSeriesSamplerTest
{
    @Test
    void shouldSumSetAndMaxIntoTheRowOfEachTime()
    {
        final TimeSeriesSampler series = new TimeSeriesSampler(10, 3, 4);
        series.add(0, 0, 1);
        series.add(9, 0, 2);
        series.add(10, 0, 5);
        series.set(12, 1, 7);
        series.set(19, 1, 8);
        series.max(25, 2, 3);
        series.max(29, 2, 1);
        assertThat(series.rows()).isEqualTo(3);
        assertThat(series.get(0, 0)).isEqualTo(3);
        assertThat(series.get(1, 0)).isEqualTo(5);
        assertThat(series.get(1, 1)).isEqualTo(8);
        assertThat(series.get(2, 2)).isEqualTo(3);
        assertThat(series.get(2, 0)).isZero();
        assertThat(series.rowStartNs(2)).isEqualTo(20);
    }

    @Test
    void shouldDoubleWhenWrittenPastPlannedRowsAndKeepValues()
    {
        final TimeSeriesSampler series = new TimeSeriesSampler(1, 2, 2);
        series.add(1, 1, 4);
        series.add(100, 0, 6);
        assertThat(series.capacityRows()).isEqualTo(128);
        assertThat(series.rows()).isEqualTo(101);
        assertThat(series.get(1, 1)).isEqualTo(4);
        assertThat(series.get(100, 0)).isEqualTo(6);
    }

    @Test
    void shouldRejectOutOfRangeAccess()
    {
        final TimeSeriesSampler series = new TimeSeriesSampler(10, 1, 1);
        assertThatThrownBy(() -> series.add(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> series.add(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> series.get(0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldSumWithCompensation()
    {
        final CompensatedSum sum = new CompensatedSum();
        double naive = 0;
        sum.add(1e16);
        naive += 1e16;
        for (int i = 0; i < 10_000; i++)
        {
            sum.add(1.0);
            naive += 1.0;
        }
        sum.add(-1e16);
        naive -= 1e16;
        assertThat(sum.get()).isEqualTo(10_000.0);
        assertThat(naive).as("plain summation loses the small terms").isNotEqualTo(10_000.0);

        final Counter counter = new Counter();
        counter.increment();
        counter.add(41);
        assertThat(counter.get()).isEqualTo(42);
        counter.reset();
        assertThat(counter.get()).isZero();
    }
}

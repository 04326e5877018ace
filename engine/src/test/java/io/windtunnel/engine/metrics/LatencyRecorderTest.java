package io.windtunnel.engine.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyRecorderTest
{
    @Test
    void shouldClampOutOfRangeValuesAndCountThem()
    {
        final LatencyRecorder recorder = new LatencyRecorder(1_000, 1_000_000, 3);
        recorder.record(-5);
        recorder.record(500);
        recorder.record(5_000_000);
        recorder.record(2_000);
        final Histogram interval = recorder.closeInterval(10_000_000);
        assertThat(interval.getTotalCount()).isEqualTo(4);
        assertThat(recorder.clampedLow()).isEqualTo(1);
        assertThat(recorder.clampedHigh()).isEqualTo(1);
        assertThat(interval.getMinValue()).isZero();
        assertThat(interval.getMaxValue()).isBetween(1_000_000L, 1_001_000L);
    }

    @Test
    void shouldSwapIntervalsStampedWithSimulatedTimeAndAccumulateTotal()
    {
        final LatencyRecorder recorder = new LatencyRecorder(1_000, 60_000_000_000L, 3);
        recorder.record(10_000);
        recorder.record(20_000);
        final Histogram first = recorder.closeInterval(5_000_000_000L);
        assertThat(first.getTotalCount()).isEqualTo(2);
        assertThat(first.getStartTimeStamp()).isZero();
        assertThat(first.getEndTimeStamp()).isEqualTo(5_000);

        recorder.record(30_000);
        assertThat(recorder.current().getTotalCount()).isEqualTo(1);
        final Histogram second = recorder.closeInterval(6_000_000_000L);
        assertThat(second).isNotSameAs(first);
        assertThat(second.getTotalCount()).isEqualTo(1);
        assertThat(second.getStartTimeStamp()).isEqualTo(5_000);
        assertThat(second.getEndTimeStamp()).isEqualTo(6_000);
        assertThat(recorder.current().getTotalCount()).as("new interval starts empty").isZero();

        assertThat(recorder.total().getTotalCount()).isEqualTo(3);
        assertThat(recorder.total().getMaxValue()).isEqualTo(recorder.total().highestEquivalentValue(30_000));
    }

    @Test
    void shouldAddAnotherRecordersIntervalAsIfRecordedHere()
    {
        final LatencyRecorder aggregate = new LatencyRecorder(1_000, 1_000_000, 3);
        final LatencyRecorder a = new LatencyRecorder(1_000, 1_000_000, 3);
        final LatencyRecorder b = new LatencyRecorder(1_000, 1_000_000, 3);
        final LatencyRecorder direct = new LatencyRecorder(1_000, 1_000_000, 3);
        final long[] values = {5_000, 7_500, -3, 2_000_000, 12_345, 999_999};
        for (int i = 0; i < values.length; i++)
        {
            (i % 2 == 0 ? a : b).record(values[i]);
            direct.record(values[i]);
        }
        aggregate.addInterval(a);
        aggregate.addInterval(b);
        a.closeInterval(10);
        b.closeInterval(10);
        assertThat(aggregate.current()).isEqualTo(direct.current());
        assertThat(aggregate.clampedLow()).isEqualTo(1);
        assertThat(aggregate.clampedHigh()).isEqualTo(1);
        // The next interval of a source starts empty, clamp counts included.
        a.record(6_000);
        aggregate.addInterval(a);
        direct.record(6_000);
        assertThat(aggregate.current()).isEqualTo(direct.current());
        assertThat(aggregate.clampedLow()).isEqualTo(1);
        assertThat(aggregate.closeInterval(20).getTotalCount()).isEqualTo(values.length + 1);
    }

    @Test
    void shouldStartAnEmptyIntervalAndKeepTheTotalWhenAnIntervalIsDiscarded()
    {
        final LatencyRecorder recorder = new LatencyRecorder(1_000, 1_000_000, 3);
        final LatencyRecorder aggregate = new LatencyRecorder(1_000, 1_000_000, 3);
        recorder.record(5_000);
        recorder.closeInterval(10);
        recorder.record(7_000);
        recorder.record(2_000_000);
        aggregate.addInterval(recorder);
        recorder.discardInterval(20);

        assertThat(recorder.current().getTotalCount()).isZero();
        assertThat(recorder.intervalStartNs()).isEqualTo(20);
        assertThat(recorder.total().getTotalCount()).as("the discarded interval is not in the total").isEqualTo(1);
        assertThat(recorder.clampedHigh()).isEqualTo(1);
        assertThat(aggregate.current().getTotalCount()).isEqualTo(2);
        // The next interval's clamps are its own.
        recorder.record(3_000_000);
        aggregate.addInterval(recorder);
        assertThat(aggregate.clampedHigh()).isEqualTo(2);
        assertThat(aggregate.closeInterval(30).getTotalCount()).isEqualTo(3);
    }

    @Test
    void shouldForgetEverythingOnReset()
    {
        final LatencyRecorder recorder = new LatencyRecorder(1_000, 1_000_000, 2);
        recorder.record(5_000_000);
        recorder.closeInterval(100);
        recorder.reset(200);
        assertThat(recorder.total().getTotalCount()).isZero();
        assertThat(recorder.clampedHigh()).isZero();
        assertThat(recorder.intervalStartNs()).isEqualTo(200);
    }
}

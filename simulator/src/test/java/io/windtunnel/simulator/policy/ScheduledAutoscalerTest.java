package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.ConservationTestModels;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduledAutoscalerTest extends AutoscalerContractTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    /** Monday 2024-01-01T00:00:00Z. */
    private static final long MONDAY_NS = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * SECOND;
    private static final int WEEKDAYS = ScheduledAutoscaler.parseDays("mon-fri");

    /** For the contract: starts on Monday at 10:00, in the day window (at night it would serve nothing). */
    @Override
    Autoscaler newAutoscaler()
    {
        return dayAndNight(MONDAY_NS + 10 * HOUR);
    }

    /** 4 to 50 replicas on weekdays 08:00-20:00, none from 22:00 to 06:00, load tracking at 0.6, at most 40. */
    private static ScheduledAutoscaler dayAndNight(final long startEpochNs)
    {
        return new ScheduledAutoscaler(List.of(new ScheduledAutoscaler.Window(WEEKDAYS, 8 * 3600, 20 * 3600, 4, 50),
            new ScheduledAutoscaler.Window(0x7f, 22 * 3600, 6 * 3600, 0, 0)), 0.6, 0, 40, 0, 0, startEpochNs,
            ZoneOffset.UTC);
    }

    @Override
    int minReplicas()
    {
        return 0;
    }

    @Override
    int maxReplicas()
    {
        return 40;
    }

    /** One provider, instance type booting 90 s, 1-minute control interval. */
    private static FakeView view()
    {
        final FakeView view = AutoscalerViews.oneType(90 * SECOND, MINUTE, 14 * 24 * HOUR, LoadSeries.constant(1));
        view.active = 2;
        view.activeWorkers = 4;
        return view;
    }

    private static int at(final Autoscaler autoscaler, final FakeView view, final long timeNs, final double rate)
    {
        view.nowNs = timeNs;
        view.ratePerSec = rate;
        return autoscaler.desiredReplicas(view);
    }

    @Test
    void shouldKeepTheWeekdayFloorAndScaleToZeroAtNight()
    {
        // Schedule only (target 0): 4 on weekdays 08:00-20:00, nothing else (global min 0).
        final ScheduledAutoscaler autoscaler = new ScheduledAutoscaler(
            List.of(new ScheduledAutoscaler.Window(WEEKDAYS, 8 * 3600, 20 * 3600, 4, 1_000_000)), 0, 0, 100, 0, 0,
            MONDAY_NS, ZoneOffset.UTC);
        final FakeView view = view();
        assertThat(at(autoscaler, view, 3 * HOUR, 5)).as("Monday 03:00").isZero();
        assertThat(at(autoscaler, view, 12 * HOUR, 5)).as("Monday 12:00").isEqualTo(4);
        assertThat(at(autoscaler, view, 20 * HOUR, 5)).as("Monday 20:00: closed").isZero();
        assertThat(at(autoscaler, view, 4 * 24 * HOUR + 19 * HOUR, 5)).as("Friday 19:00").isEqualTo(4);
        assertThat(at(autoscaler, view, 5 * 24 * HOUR + 12 * HOUR, 5)).as("Saturday noon").isZero();
        assertThat(at(autoscaler, view, 7 * 24 * HOUR + 12 * HOUR, 5)).as("next Monday noon").isEqualTo(4);
    }

    @Test
    void shouldRaiseTheFloorOneBootTimeAndIntervalEarly()
    {
        // Boot 90 s + interval 60 s: the 08:00 floor is asked for from 07:57:30 on.
        final ScheduledAutoscaler autoscaler = new ScheduledAutoscaler(
            List.of(new ScheduledAutoscaler.Window(WEEKDAYS, 8 * 3600, 20 * 3600, 4, 1_000_000)), 0, 0, 100, 0, 0,
            MONDAY_NS, ZoneOffset.UTC);
        final FakeView view = view();
        assertThat(at(autoscaler, view, 8 * HOUR - 151 * SECOND, 0)).isZero();
        assertThat(at(autoscaler, view, 8 * HOUR - 150 * SECOND, 0)).isEqualTo(4);
        // It falls on time.
        assertThat(at(autoscaler, view, 20 * HOUR - SECOND, 0)).isEqualTo(4);
        assertThat(at(autoscaler, view, 20 * HOUR, 0)).isZero();
    }

    @Test
    void shouldTrackTheLoadBetweenFloorAndCeilingAndObeyANightCeiling()
    {
        final FakeView view = view();
        final Autoscaler autoscaler = dayAndNight(MONDAY_NS);
        // 100 ms per request, 2 workers per replica at 0.6: 60 requests/s is 6 busy workers, 5 replicas.
        assertThat(at(autoscaler, view, 10 * HOUR, 60)).as("Monday 10:00, load above the floor").isEqualTo(5);
        assertThat(at(autoscaler, view, 11 * HOUR, 6)).as("load below the floor of 4").isEqualTo(4);
        assertThat(at(autoscaler, view, 11 * HOUR, 1_000)).as("ceiling 50 of the window... global max 40")
            .isEqualTo(40);
        assertThat(at(autoscaler, view, 21 * HOUR, 60)).as("Monday 21:00: no window, the load").isEqualTo(5);
        assertThat(at(autoscaler, view, 23 * HOUR, 60)).as("Monday 23:00: night window, max 0").isZero();
        assertThat(at(autoscaler, view, 24 * HOUR + 5 * HOUR, 60)).as("Tuesday 05:00: past midnight").isZero();
        assertThat(at(autoscaler, view, 24 * HOUR + 6 * HOUR, 60)).as("Tuesday 06:00").isEqualTo(5);
    }

    @Test
    void shouldReadLocalTimeInTheTimeZoneWithDaylightSaving()
    {
        // 09:00-17:00 in New York: 14:00-22:00 UTC in winter (UTC-5), 13:00-21:00 UTC in summer (UTC-4).
        final ScheduledAutoscaler autoscaler = new ScheduledAutoscaler(
            List.of(new ScheduledAutoscaler.Window(0x7f, 9 * 3600, 17 * 3600, 3, 1_000_000)), 0, 0, 100, 0, 0,
            MONDAY_NS, ZoneId.of("America/New_York"));
        assertThat(autoscaler.floorAt(13 * HOUR + 30 * MINUTE)).as("January 13:30 UTC = 08:30 EST").isZero();
        assertThat(autoscaler.floorAt(14 * HOUR)).as("January 14:00 UTC = 09:00 EST").isEqualTo(3);
        // 2024-03-10 is the spring change; 2024-07-01 is day 182.
        final long july = 182 * 24 * HOUR;
        assertThat(autoscaler.floorAt(july + 13 * HOUR)).as("July 13:00 UTC = 09:00 EDT").isEqualTo(3);
        assertThat(autoscaler.floorAt(july + 21 * HOUR)).as("July 21:00 UTC = 17:00 EDT").isZero();
        assertThat(autoscaler.floorAt(20 * HOUR)).as("back in January: EST again").isEqualTo(3);
    }

    @Test
    void shouldTakeTheHighestFloorAndTheLowestCeilingOfOverlappingWindows()
    {
        final ScheduledAutoscaler autoscaler = new ScheduledAutoscaler(List.of(
            new ScheduledAutoscaler.Window(0x7f, 0, 24 * 3600, 2, 30),
            new ScheduledAutoscaler.Window(0x7f, 8 * 3600, 10 * 3600, 6, 20)), 0, 0, 100, 0, 0, MONDAY_NS,
            ZoneOffset.UTC);
        assertThat(autoscaler.floorAt(HOUR)).isEqualTo(2);
        assertThat(autoscaler.ceilingAt(HOUR)).isEqualTo(30);
        assertThat(autoscaler.floorAt(9 * HOUR)).isEqualTo(6);
        assertThat(autoscaler.ceilingAt(9 * HOUR)).isEqualTo(20);
    }

    @Test
    void shouldParseDaysTimesAndZonesAndRefuseOthers()
    {
        assertThat(ScheduledAutoscaler.parseDays("mon-fri")).isEqualTo(0b0011111);
        assertThat(ScheduledAutoscaler.parseDays("Sat, sun")).isEqualTo(0b1100000);
        assertThat(ScheduledAutoscaler.parseDays("fri-mon")).isEqualTo(0b1110001);
        assertThat(ScheduledAutoscaler.parseDays("*")).isEqualTo(0x7f);
        assertThat(ScheduledAutoscaler.parseDays("wed")).isEqualTo(0b0000100);
        for (final String bad : new String[] {"", "monday", "mon-", "mon-tue-wed", "1-5", "mon,,tue"})
        {
            assertThatThrownBy(() -> ScheduledAutoscaler.parseDays(bad)).as(bad)
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("is not a list of days");
        }
        assertThat(ScheduledAutoscaler.parseTimeOfDay("08:00")).isEqualTo(8 * 3600);
        assertThat(ScheduledAutoscaler.parseTimeOfDay("7:30")).isEqualTo(7 * 3600 + 1800);
        assertThat(ScheduledAutoscaler.parseTimeOfDay("24:00")).isEqualTo(86_400);
        for (final String bad : new String[] {"24:01", "8", "08:60", "8am", "480"})
        {
            assertThatThrownBy(() -> ScheduledAutoscaler.parseTimeOfDay(bad)).as(bad)
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("is not a time of day");
        }
        assertThat(ScheduledAutoscaler.parseZone("Europe/Paris")).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThatThrownBy(() -> ScheduledAutoscaler.parseZone("Mars/Olympus"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("is not a time zone");
    }

    @Test
    void shouldApplyTheScheduleAtTimeZero()
    {
        final FakeView view = new FakeView(ConservationTestModels.small());
        final Autoscaler autoscaler = dayAndNight(MONDAY_NS);
        view.nowNs = 0;
        view.ratePerSec = 500;
        assertThat(autoscaler.desiredReplicas(view)).as("Monday 00:00: night window").isZero();
    }
}

package io.windtunnel.simulator.cost;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BillingRuleTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    /** 0.10 USD/h until minute 30, then 0.40 USD/h. */
    private static final PriceSeries STEP = new PriceSeries(new long[] {0, 30 * MINUTE}, new double[] {0.10, 0.40});

    @Test
    void shouldIntegrateAcrossStepWhenBilledPerSecond()
    {
        final BillingRule rule = new BillingRule(SECOND, MINUTE, BillingRule.Refund.NONE);
        // Launched at 10 min, terminated at 40 min 0.5 s: billed 30 min 1 s, i.e. 10:00..40:01.
        final double expected = 0.10 * 20.0 / 60 + 0.40 * 601.0 / 3600;
        assertThat(rule.costUsd(STEP, 10 * MINUTE, 40 * MINUTE + SECOND / 2, false))
            .isCloseTo(expected, within(1e-12));
    }

    @Test
    void shouldRoundUpToWholeHoursWhenBilledPerHour()
    {
        final BillingRule rule = new BillingRule(HOUR, 0, BillingRule.Refund.NONE);
        // Used 30 min from minute 10: billed one hour, 10..70 min: 20 min at 0.10 and 40 min at 0.40.
        assertThat(rule.costUsd(STEP, 10 * MINUTE, 40 * MINUTE, false)).isCloseTo(0.30, within(1e-12));
    }

    @Test
    void shouldChargeMinimumWhenInstanceLivesShorter()
    {
        final BillingRule rule = new BillingRule(SECOND, MINUTE, BillingRule.Refund.NONE);
        assertThat(rule.billedNs(0, 10 * SECOND, false)).isEqualTo(MINUTE);
        assertThat(rule.costUsd(STEP, 0, 10 * SECOND, false)).isCloseTo(0.10 / 60, within(1e-12));
    }

    @Test
    void shouldRoundPerMinuteWhenGranularityIsMinute()
    {
        final BillingRule rule = new BillingRule(MINUTE, 10 * MINUTE, BillingRule.Refund.NONE);
        assertThat(rule.billedNs(0, 12 * MINUTE + 1, false)).isEqualTo(13 * MINUTE);
        assertThat(rule.billedNs(0, 2 * MINUTE, false)).isEqualTo(10 * MINUTE);
        // 25..38 min: 5 min at 0.10 and 8 min at 0.40.
        assertThat(rule.costUsd(STEP, 25 * MINUTE, 37 * MINUTE + 1, false))
            .isCloseTo(0.10 * 5 / 60 + 0.40 * 8 / 60, within(1e-12));
    }

    @Test
    void shouldNotChargePartialUnitWhenPreemptedUnderPartialRefund()
    {
        final BillingRule rule = new BillingRule(HOUR, MINUTE, BillingRule.Refund.PARTIAL_UNIT);
        assertThat(rule.costUsd(STEP, 10 * MINUTE, 40 * MINUTE, true)).isZero();
        // Preempted after 1 h 20 min: only the first full hour, 10..70 min.
        assertThat(rule.costUsd(STEP, 10 * MINUTE, 90 * MINUTE, true)).isCloseTo(0.30, within(1e-12));
        // Terminated by the user instead: two hours, 10..130 min.
        assertThat(rule.costUsd(STEP, 10 * MINUTE, 90 * MINUTE, false))
            .isCloseTo(0.10 * 20 / 60 + 0.40 * 100 / 60, within(1e-12));
    }

    @Test
    void shouldChargeNothingWhenPreemptedInFirstHourUnderFirstHourRule()
    {
        final BillingRule rule = new BillingRule(SECOND, MINUTE, BillingRule.Refund.FIRST_HOUR_FREE);
        assertThat(rule.costUsd(STEP, 0, 59 * MINUTE, true)).isZero();
        assertThat(rule.costUsd(STEP, 0, 59 * MINUTE, false)).isCloseTo(0.05 + 0.40 * 29 / 60, within(1e-12));
    }

    @Test
    void shouldHoldFirstAndLastPriceWhenOutsideTheSteps()
    {
        final PriceSeries late = new PriceSeries(new long[] {HOUR}, new double[] {0.5});
        assertThat(late.integrateUsd(0, 3 * HOUR)).isCloseTo(1.5, within(1e-12));
        assertThat(STEP.pricePerHourUsdAt(10 * HOUR)).isEqualTo(0.40);
    }
}

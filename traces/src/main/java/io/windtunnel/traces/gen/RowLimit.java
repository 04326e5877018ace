package io.windtunnel.traces.gen;

import java.util.Locale;

/**
 * The most rows one generated series may be expected to have, so that a typo in a rate or a duration (a hazard of
 * 1e6 per hour, a hundred years of minutes) fails with a message instead of exhausting memory.
 */
final class RowLimit
{
    /** Most rows expected for one key (region, price key, fleet or outage target). */
    static final double MAX_EXPECTED_ROWS = 20_000_000;

    private RowLimit()
    {
    }

    /**
     * @param what         what is generated, for the message, e.g. {@code "spot prices of aws/us-east-1/m5.large"}.
     * @param expectedRows rows the parameters are expected to produce.
     * @throws GeneratorParameterException if that exceeds {@link #MAX_EXPECTED_ROWS}.
     */
    static void check(final String what, final double expectedRows)
    {
        GeneratorParameterException.require(expectedRows <= MAX_EXPECTED_ROWS,
            what + " would take about " + String.format(Locale.ROOT, "%.3g", expectedRows) +
            " rows; at most " + (long)MAX_EXPECTED_ROWS + " are allowed: check the rates and the duration");
    }
}

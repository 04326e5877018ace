package io.windtunnel.traces.gen;

import java.util.Locale;

/**
 * What a generated load-rate row carries: the expected number of requests in its interval, or a Poisson sample
 * of it.
 */
public enum CountMode
{
    /**
     * The integral of the model's intensity over the interval (a real number). The default: the simulator draws
     * the individual arrivals within each interval from its own seeded stream, so sampling here as well would add
     * Poisson noise twice. For models whose intensity is itself random (diurnal noise, MMPP state path) this is
     * the integral of that random intensity.
     */
    EXPECTED("expected"),

    /**
     * A Poisson sample with the expected count as its mean (a whole number), like a count taken from a real
     * request log.
     */
    POISSON("poisson");

    private final String label;

    CountMode(final String label)
    {
        this.label = label;
    }

    /**
     * @return the name on the command line.
     */
    public String label()
    {
        return label;
    }

    /**
     * @param text {@code expected} or {@code poisson}, case-insensitive.
     * @return the mode.
     * @throws GeneratorParameterException for anything else.
     */
    public static CountMode parse(final String text)
    {
        final String lower = text.trim().toLowerCase(Locale.ROOT);
        for (final CountMode mode : values())
        {
            if (mode.label.equals(lower))
            {
                return mode;
            }
        }
        throw new GeneratorParameterException("counts must be 'expected' or 'poisson', got '" + text + "'");
    }
}

package io.windtunnel.traces.gen;

/**
 * A generator was given a parameter it cannot work with (a negative rate, shares that do not sum to one, a window
 * that is not a whole number of steps). The message names the parameter, the value and what is accepted, so the
 * command line can print it as it is and exit with an input error.
 * <p>
 * A subtype of {@link IllegalArgumentException} so library callers need no new catch clause, but distinct so that
 * the command line tells a user mistake apart from a bug.
 */
public final class GeneratorParameterException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what is accepted.
     */
    public GeneratorParameterException(final String message)
    {
        super(message);
    }

    /**
     * Fail unless a condition holds.
     *
     * @param condition the check.
     * @param message   the message if it fails.
     * @throws GeneratorParameterException if {@code condition} is false.
     */
    static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new GeneratorParameterException(message);
        }
    }

    /**
     * @param name  parameter name as the user sees it.
     * @param value its value.
     * @return the value, if finite and positive.
     * @throws GeneratorParameterException otherwise.
     */
    static double positive(final String name, final double value)
    {
        if (!(value > 0) || !Double.isFinite(value))
        {
            throw new GeneratorParameterException(name + " must be a positive number, got " + value);
        }
        return value;
    }

    /**
     * @param name  parameter name as the user sees it.
     * @param value its value.
     * @return the value, if finite and not negative.
     * @throws GeneratorParameterException otherwise.
     */
    static double nonNegative(final String name, final double value)
    {
        if (!(value >= 0) || !Double.isFinite(value))
        {
            throw new GeneratorParameterException(name + " must be a number >= 0, got " + value);
        }
        return value;
    }
}

package io.windtunnel.simulator.sweep;

/**
 * A sweep that cannot start or go on because of what the user asked for: an output folder that holds another
 * sweep, a resume with a changed sweep file. The message says what to do.
 */
public final class SweepException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what to do.
     */
    public SweepException(final String message)
    {
        super(message);
    }
}

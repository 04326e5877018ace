package io.windtunnel.cli.bench;

/** A results file that cannot be used; the message names the file and the field (or line). */
public final class BenchInputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, starting with the file.
     */
    public BenchInputException(final String message)
    {
        super(message);
    }
}

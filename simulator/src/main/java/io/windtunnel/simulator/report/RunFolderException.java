package io.windtunnel.simulator.report;

/**
 * A result folder cannot be reserved (it exists, or its path cannot be created or written); the message is for the
 * user and names the path.
 */
public final class RunFolderException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the path.
     */
    public RunFolderException(final String message)
    {
        super(message);
    }
}

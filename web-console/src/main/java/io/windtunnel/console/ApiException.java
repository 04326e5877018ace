package io.windtunnel.console;

/**
 * A request the console refuses, with the HTTP status and a message for the user (and, for a bad document, the
 * line it is on); the router's failure handler turns it into {@code {"error": ..., "line": ...}}.
 */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int line;

    /**
     * @param status  HTTP status (400, 404, 409, 413, 429...).
     * @param message what is wrong, for the user.
     */
    public ApiException(final int status, final String message)
    {
        this(status, message, 0);
    }

    /**
     * @param status  HTTP status.
     * @param message what is wrong, for the user.
     * @param line    1-based line of the document the problem is on, or 0.
     */
    public ApiException(final int status, final String message, final int line)
    {
        super(message, null, false, false);
        this.status = status;
        this.line = line;
    }

    /**
     * @return the HTTP status.
     */
    public int status()
    {
        return status;
    }

    /**
     * @return the 1-based line the problem is on, or 0 if none applies.
     */
    public int line()
    {
        return line;
    }
}

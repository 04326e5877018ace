package io.windtunnel.cli;

/**
 * A mistake in what the user gave a command (an option value, a file). Printed as a one-line message, without a
 * stack trace, and the command exits with {@link ExitCodes#INPUT_ERROR}.
 */
public final class UserInputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and, where possible, how to fix it.
     */
    public UserInputException(final String message)
    {
        super(message);
    }
}

package io.windtunnel.cli;

/**
 * Exit codes of every {@code windtunnel} command, stable so that scripts and CI pipelines can rely on them.
 */
public final class ExitCodes
{
    /** Success. */
    public static final int OK = 0;
    /** The command ran and found what it was asked to look for: problems in a trace, a failed gate. */
    public static final int FAILED = 1;
    /** The user's input is wrong: a bad option, a missing or malformed file. The message says where. */
    public static final int INPUT_ERROR = 2;
    /** A bug in Windtunnel: a stack trace is printed; please report it. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes()
    {
    }
}

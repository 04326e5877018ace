package io.windtunnel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the command line with captured output, as a user would see it.
 *
 * @param exitCode the exit code.
 * @param out      standard output.
 * @param err      standard error.
 */
record CliRun(int exitCode, String out, String err)
{
    static CliRun of(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final var commandLine = WindtunnelCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}

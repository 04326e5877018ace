package io.windtunnel.cli;

import io.windtunnel.simulator.policy.PolicyRegistryException;
import io.windtunnel.traces.TraceFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The {@code windtunnel} command line: a thin picocli front over the simulator and trace tools.
 */
@Command(
    name = "windtunnel",
    mixinStandardHelpOptions = true,
    versionProvider = WindtunnelCommand.Version.class,
    description = "A wind tunnel for multi-cloud operations policies.",
    subcommands = {DemoCommand.class, TraceCommand.class, RunCommand.class, CompareCommand.class, CheckCommand.class,
        PoliciesCommand.class, BenchCommand.class, ConsoleCommand.class, SweepCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 problems found or gate failed, 2 bad input (message names file, line, field), "
        + "70 internal error, 130 / 143 stopped by SIGINT / SIGTERM."})
public final class WindtunnelCommand
{
    /**
     * Run the command line and exit with its code.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Run the command line without exiting, for tests and embedding.
     *
     * @param args command-line arguments.
     * @return the exit code.
     */
    public static int execute(final String... args)
    {
        return newCommandLine().execute(args);
    }

    /**
     * @return the configured command line, with user mistakes turned into messages and exit codes.
     */
    public static CommandLine newCommandLine()
    {
        final CommandLine commandLine = new CommandLine(new WindtunnelCommand());
        commandLine.setExecutionExceptionHandler(WindtunnelCommand::handleException);
        return commandLine;
    }

    private static int handleException(
        final Exception exception, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        if (exception instanceof TraceFormatException || exception instanceof UserInputException ||
            exception instanceof PolicyRegistryException)
        {
            err.println("windtunnel: " + exception.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        if (exception instanceof NoSuchFileException)
        {
            err.println("windtunnel: no such file: " + exception.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        if (exception instanceof AccessDeniedException)
        {
            err.println("windtunnel: permission denied: " + exception.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        if (exception instanceof IOException)
        {
            err.println("windtunnel: I/O error: " + exception.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        err.println("windtunnel: internal error, please report it with the command you ran:");
        exception.printStackTrace(err);
        return ExitCodes.INTERNAL_ERROR;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = WindtunnelCommand.class.getPackage().getImplementationVersion();
            return new String[] {"windtunnel " + (version == null ? "(development build)" : version)};
        }
    }
}

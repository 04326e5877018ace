package io.windtunnel.cli;

import picocli.CommandLine.Command;

/**
 * {@code windtunnel trace ...}: import, check, convert, inspect and generate traces.
 */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = "Import, validate, convert, inspect and generate price, load and fault traces.",
    subcommands = {TraceValidateCommand.class, TraceConvertCommand.class, TraceInspectCommand.class,
        TraceGenCommand.class})
public final class TraceCommand implements Runnable
{
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

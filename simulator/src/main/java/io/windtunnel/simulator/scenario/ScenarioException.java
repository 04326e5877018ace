package io.windtunnel.simulator.scenario;

/**
 * A problem with a scenario file or one of the traces it names, located for the user: the message reads
 * {@code file:line: key 'a.b': what is wrong}.
 */
public final class ScenarioException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * @param file    the scenario file as named by the user.
     * @param line    1-based line, or 0 if unknown.
     * @param key     dotted key path, or null.
     * @param message what is wrong.
     */
    public ScenarioException(final String file, final int line, final String key, final String message)
    {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key != null ? "key '" + key + "': " : "") + message);
    }
}

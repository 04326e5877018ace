package io.windtunnel.simulator.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a scenario was read with, echoed into {@code summary.json} so that no value changes silently. Keys are
 * {@link YamlNode} key paths ({@code stacks[0].autoscaler.target}); values are text. The value used for a key path
 * is its override if any, else its value from the file, else its default.
 * <p>
 * <b>Threading:</b> immutable.
 *
 * @param values    every scalar of the scenario file, with its text as written (after resolving aliases and merge
 *                  keys; a null value as written, e.g. empty or {@code ~}), in file order.
 * @param defaults  every value the reader used for a key the file does not give (or gives as null), in the key's
 *                  own format ({@code 1m}, {@code 0.6}, {@code [on-demand, spot]}), in reading order.
 * @param overrides values given on the command line instead of the file's or the default ({@code seed},
 *                  {@code replications}), in the order they were applied.
 */
public record ValueEcho(Map<String, String> values, Map<String, String> defaults, Map<String, String> overrides)
{
    /**
     * Copies the maps, keeping their order.
     *
     * @param values    see the record.
     * @param defaults  see the record.
     * @param overrides see the record.
     */
    public ValueEcho
    {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /**
     * @param path a key path.
     * @param text the value used instead of the file's or the default.
     * @return a copy with that override (replacing an earlier override of the same key path).
     */
    public ValueEcho withOverride(final String path, final String text)
    {
        final Map<String, String> o = new LinkedHashMap<>(overrides);
        o.put(path, text);
        return new ValueEcho(values, defaults, o);
    }

    /**
     * @param path a key path.
     * @return the value used for it (override, else file, else default), or null if none.
     */
    public String used(final String path)
    {
        return overrides.containsKey(path) ? overrides.get(path) :
            values.containsKey(path) ? values.get(path) : defaults.get(path);
    }
}

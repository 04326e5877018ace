package io.windtunnel.simulator.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML document as a tree that remembers where each node came from (file, line, dotted key path), so that every
 * schema check can name the file, line and key. Built with Jackson's YAML streaming parser; Jackson's own tree
 * model drops locations.
 * <p>
 * Map readers track the keys they consumed: {@link #rejectUnknownKeys()} reports the rest, which catches typos.
 * <p>
 * <b>Threading:</b> not thread-safe. Setup-time only.
 */
public final class YamlNode
{
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String file;
    private final int line;
    private final String path;
    private final String scalar;
    private final Map<String, YamlNode> map;
    private final List<YamlNode> list;
    private final Set<String> consumed = new LinkedHashSet<>();

    private YamlNode(final String file, final int line, final String path, final String scalar,
        final Map<String, YamlNode> map, final List<YamlNode> list)
    {
        this.file = file;
        this.line = line;
        this.path = path;
        this.scalar = scalar;
        this.map = map;
        this.list = list;
    }

    /**
     * @param file   name for messages.
     * @param reader the YAML text.
     * @return the root node.
     * @throws ScenarioException on YAML syntax errors.
     * @throws IOException       if reading fails.
     */
    public static YamlNode parse(final String file, final Reader reader) throws ScenarioException, IOException
    {
        try (JsonParser parser = FACTORY.createParser(reader))
        {
            final JsonToken first = parser.nextToken();
            if (first == null)
            {
                throw new ScenarioException(file, 1, null, "the file is empty");
            }
            return read(file, parser, "");
        }
        catch (final JsonProcessingException e)
        {
            final int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ScenarioException(file, line, null, "not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static YamlNode read(final String file, final JsonParser parser, final String path) throws IOException
    {
        final int line = parser.currentTokenLocation().getLineNr();
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT)
        {
            final Map<String, YamlNode> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = parser.currentName();
                parser.nextToken();
                map.put(key, read(file, parser, path.isEmpty() ? key : path + "." + key));
            }
            return new YamlNode(file, line, path, null, map, null);
        }
        if (token == JsonToken.START_ARRAY)
        {
            final List<YamlNode> list = new ArrayList<>();
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY)
            {
                list.add(read(file, parser, path + "[" + i++ + "]"));
            }
            return new YamlNode(file, line, path, null, null, list);
        }
        final String text = token == JsonToken.VALUE_NULL ? null : parser.getText();
        return new YamlNode(file, line, path, text, null, null);
    }

    /**
     * @return the node's line, 1-based.
     */
    public int line()
    {
        return line;
    }

    /**
     * @return dotted key path from the root.
     */
    public String path()
    {
        return path;
    }

    /**
     * @param message what is wrong with this node.
     * @return an exception naming file, line and key.
     */
    public ScenarioException error(final String message)
    {
        return new ScenarioException(file, line, path.isEmpty() ? null : path, message);
    }

    /**
     * @return true if this is a mapping.
     */
    public boolean isMap()
    {
        return map != null;
    }

    /**
     * @return true if this is a sequence.
     */
    public boolean isList()
    {
        return list != null;
    }

    /**
     * @param key a key.
     * @return true if this mapping has it.
     */
    public boolean has(final String key)
    {
        return map != null && map.containsKey(key) && map.get(key).scalarOrStructure();
    }

    private boolean scalarOrStructure()
    {
        return scalar != null || map != null || list != null;
    }

    /**
     * @param key a key; marks it consumed.
     * @return the child, or null if absent or null.
     * @throws ScenarioException if this node is not a mapping.
     */
    public YamlNode get(final String key) throws ScenarioException
    {
        requireMap();
        consumed.add(key);
        final YamlNode child = map.get(key);
        return child == null || !child.scalarOrStructure() ? null : child;
    }

    /**
     * @param key a key.
     * @return the child.
     * @throws ScenarioException if missing.
     */
    public YamlNode require(final String key) throws ScenarioException
    {
        final YamlNode child = get(key);
        if (child == null)
        {
            throw new ScenarioException(file, line, path.isEmpty() ? key : path + "." + key, "is required");
        }
        return child;
    }

    /**
     * @return the mapping's entries in file order, all marked consumed.
     * @throws ScenarioException if not a mapping.
     */
    public Map<String, YamlNode> entries() throws ScenarioException
    {
        requireMap();
        consumed.addAll(map.keySet());
        return Collections.unmodifiableMap(map);
    }

    /**
     * @return the sequence's items.
     * @throws ScenarioException if not a sequence.
     */
    public List<YamlNode> items() throws ScenarioException
    {
        if (list == null)
        {
            throw error("must be a list");
        }
        return list;
    }

    /**
     * @return the scalar text.
     * @throws ScenarioException if not a scalar.
     */
    public String text() throws ScenarioException
    {
        if (scalar == null)
        {
            throw error("must be a single value");
        }
        return scalar;
    }

    /**
     * @param key      key.
     * @param fallback value when absent.
     * @return the text.
     * @throws ScenarioException if not a scalar.
     */
    public String string(final String key, final String fallback) throws ScenarioException
    {
        final YamlNode child = get(key);
        return child == null ? fallback : child.text();
    }

    /**
     * @param key      key.
     * @param fallback value when absent.
     * @return the duration in ns ({@code 250ms}, {@code 5m}, a bare number is seconds).
     * @throws ScenarioException if unreadable.
     */
    public long durationNs(final String key, final long fallback) throws ScenarioException
    {
        final YamlNode child = get(key);
        return child == null ? fallback : child.asDurationNs();
    }

    /**
     * @return this scalar as a duration in ns.
     * @throws ScenarioException if unreadable.
     */
    public long asDurationNs() throws ScenarioException
    {
        try
        {
            return io.windtunnel.traces.TraceDurations.parseNs(text());
        }
        catch (final IllegalArgumentException e)
        {
            throw error(e.getMessage());
        }
    }

    /**
     * @param key      key.
     * @param fallback value when absent.
     * @param min      smallest allowed.
     * @param max      largest allowed.
     * @return the number.
     * @throws ScenarioException if not a number in range.
     */
    public double number(final String key, final double fallback, final double min, final double max)
        throws ScenarioException
    {
        final YamlNode child = get(key);
        return child == null ? fallback : child.asNumber(min, max);
    }

    /**
     * @param min smallest allowed.
     * @param max largest allowed.
     * @return this scalar as a number.
     * @throws ScenarioException if not a number in range.
     */
    public double asNumber(final double min, final double max) throws ScenarioException
    {
        final double value;
        try
        {
            value = Double.parseDouble(text().trim());
        }
        catch (final NumberFormatException e)
        {
            throw error("'" + scalar + "' is not a number");
        }
        if (!(value >= min && value <= max))
        {
            throw error(scalar + " is out of range [" + format(min) + ", " + format(max) + "]");
        }
        return value;
    }

    /**
     * @param key      key.
     * @param fallback value when absent.
     * @param min      smallest allowed.
     * @param max      largest allowed.
     * @return the whole number.
     * @throws ScenarioException if not a whole number in range.
     */
    public long integer(final String key, final long fallback, final long min, final long max)
        throws ScenarioException
    {
        final YamlNode child = get(key);
        if (child == null)
        {
            return fallback;
        }
        final long value;
        try
        {
            value = Long.parseLong(child.text().trim());
        }
        catch (final NumberFormatException e)
        {
            throw child.error("'" + child.scalar + "' is not a whole number");
        }
        if (value < min || value > max)
        {
            throw child.error(value + " is out of range [" + min + ", " + max + "]");
        }
        return value;
    }

    /**
     * @throws ScenarioException naming the first key of this mapping no reader asked for.
     */
    public void rejectUnknownKeys() throws ScenarioException
    {
        if (map == null)
        {
            return;
        }
        for (final Map.Entry<String, YamlNode> entry : map.entrySet())
        {
            if (!consumed.contains(entry.getKey()))
            {
                throw new ScenarioException(file, entry.getValue().line, entry.getValue().path,
                    "unknown key" + (consumed.isEmpty() ? "" : " (expected one of: " + String.join(", ", consumed) + ")"));
            }
        }
    }

    private void requireMap() throws ScenarioException
    {
        if (map == null)
        {
            throw error("must be a mapping of keys to values");
        }
    }

    private static String format(final double value)
    {
        return value == Double.MAX_VALUE ? "inf" : value == (long)value ? Long.toString((long)value) : Double.toString(value);
    }
}

package io.windtunnel.simulator.scenario;

import io.windtunnel.traces.TraceDurations;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML document as a tree that remembers where each node came from (file, line, key path), so that every schema
 * check can name the file, line and key. Key paths are dotted keys with {@code [i]} for list items, e.g.
 * {@code stacks[0].autoscaler.target} or {@code providers.aws.instanceTypes.m5.large.workers}.
 * <p>
 * <b>Reading.</b> {@link #parse(String, byte[])} decodes strict UTF-8 (an initial byte order mark is skipped),
 * checks the limits below, and builds the tree from the events of SnakeYAML's parser (the parser under Jackson's
 * YAML module). It composes the events itself rather than with SnakeYAML's composer, because the composer resolves
 * an alias to the anchored node itself and forgets where the alias was written, and rather than with Jackson's YAML
 * parser, which reports an alias as the text of its name.
 * <p>
 * <b>Anchors, aliases and merge keys</b> mean what YAML says: an alias {@code *name} is the node most recently
 * anchored {@code &name} before it, and a merge key ({@code <<: *base}, {@code <<: [*a, *b]} or an inline mapping)
 * adds each key of the merged mappings that the mapping does not have itself, a mapping earlier in the list winning
 * over a later one. The tree holds one copy per use, so each use has its own key path. <b>Locations:</b> a node
 * reached through an alias or a merge key keeps the line where its text is written (inside the anchored node),
 * while its key path names the place of use, and its messages say how it was reached, e.g.
 * {@code scenario.yaml:19: key 'stacks[1].autoscaler.target': ... (through alias *auto at line 31)}.
 * <p>
 * <b>Refused</b> with file and line: bytes that are not UTF-8; a repeated key in one mapping (naming both lines);
 * a key that is not a single value; tags ({@code !!str}, {@code !foo}); more than one document; an alias without
 * an anchor before it, or inside the node it names; a merge key whose value is not a mapping or a list of mappings;
 * and anything beyond the limits ({@link #MAX_FILE_BYTES}, {@link #MAX_LINE_CHARS}, {@link #MAX_SCALAR_CHARS},
 * {@link #MAX_DEPTH}, {@link #MAX_NODES}). No real scenario comes near them, and they keep refusing a hostile file
 * fast: sizes are checked before parsing (a long single-line value costs SnakeYAML's scanner quadratic time), and
 * the depth and the size after expanding aliases are counted while composing, before anything is expanded.
 * <p>
 * <b>Reading values.</b> Map readers track the keys they consumed: {@link #rejectUnknownKeys()} reports the rest,
 * which catches typos, and {@link #rejectUnreadKeys()} does so for a whole subtree. A key given as null (empty,
 * {@code ~} or {@code null}) reads as absent. The readers that take a fallback record it as an applied default
 * ({@link #defaults()}) in the key's own format, and {@link #scalars()} lists every scalar of the file with its text,
 * so that a run can echo exactly the values it used.
 * <p>
 * <b>Threading:</b> not thread-safe. Setup-time only.
 */
public final class YamlNode
{
    /** Largest scenario file in bytes (1 MiB); the bundled scenarios are a few kB. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Longest line in characters; a longer single-line value would cost the YAML scanner quadratic time. */
    public static final int MAX_LINE_CHARS = 65_536;
    /** Longest scalar value in characters (a path or a name is far shorter). */
    public static final int MAX_SCALAR_CHARS = 65_536;
    /** Deepest nesting of mappings and lists, counting what aliases and merge keys bring in (the schema needs 5). */
    public static final int MAX_DEPTH = 32;
    /** Most values, lists and mappings after expanding aliases and merge keys (the bundled quickstart has 170). */
    public static final int MAX_NODES = 100_000;
    /** Longest duration any key accepts: 10,000 days, far below where nanosecond arithmetic would overflow. */
    public static final long MAX_DURATION_NS = 10_000L * 86_400_000_000_000L;

    private final Document doc;
    private final int line;
    private final KeyPath path;
    private final Via via;
    private final String scalar;
    private final String raw;
    private final Map<String, YamlNode> map;
    private final List<YamlNode> list;
    private Set<String> consumed;

    private YamlNode(final Document doc, final int line, final KeyPath path, final Via via, final String scalar,
        final String raw, final Map<String, YamlNode> map, final List<YamlNode> list)
    {
        this.doc = doc;
        this.line = line;
        this.path = path;
        this.via = via;
        this.scalar = scalar;
        this.raw = raw;
        this.map = map;
        this.list = list;
    }

    /**
     * @param file  name for messages.
     * @param bytes the file's content, at most {@link #MAX_FILE_BYTES}.
     * @return the root node.
     * @throws ScenarioException if the bytes are not UTF-8, not valid YAML, use what this reader refuses or exceed
     *                           a limit; the message names the file and line.
     */
    public static YamlNode parse(final String file, final byte[] bytes) throws ScenarioException
    {
        if (bytes.length > MAX_FILE_BYTES)
        {
            throw tooLarge(file, bytes.length);
        }
        String text = decode(file, bytes);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF')
        {
            text = text.substring(1);
        }
        checkLines(file, text);
        final Raw root;
        try
        {
            final LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_FILE_BYTES + 1);
            root = new Composer(file, new ParserImpl(new StreamReader(text), options)).document();
        }
        catch (final MarkedYAMLException e)
        {
            final Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            final String context = e.getContext() == null ? "" : " (" + e.getContext() +
                (e.getContextMark() == null ? "" : " at line " + (e.getContextMark().getLine() + 1)) + ")";
            throw new ScenarioException(file, mark == null ? 0 : mark.getLine() + 1, null,
                "not valid YAML: " + e.getProblem() + context);
        }
        catch (final ReaderException e)
        {
            throw new ScenarioException(file, lineOfCodePoint(text, e.getPosition()), null,
                "not valid YAML: character U+" + String.format("%04X", e.getCodePoint()) + " is not allowed");
        }
        catch (final YAMLException e)
        {
            throw new ScenarioException(file, 0, null, "not valid YAML: " + e.getMessage());
        }
        return build(new Document(file), root, KeyPath.ROOT, root.line, null);
    }

    /**
     * @param file  the file as named by the user.
     * @param bytes its size in bytes.
     * @return the error for a file larger than {@link #MAX_FILE_BYTES}.
     */
    static ScenarioException tooLarge(final String file, final long bytes)
    {
        return new ScenarioException(file, 0, null, "the file is " + bytes + " bytes, more than a scenario may have " +
            "(max " + MAX_FILE_BYTES + " bytes = 1 MiB; traces belong in their own files)");
    }

    private static String decode(final String file, final byte[] bytes) throws ScenarioException
    {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError())
        {
            result = decoder.flush(out);
        }
        if (result.isError())
        {
            final int offset = in.position();
            int lineNumber = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++)
            {
                if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))
                {
                    lineNumber++;
                    lineStart = i + 1;
                }
            }
            // The line up to the bad byte is valid UTF-8; its column counts characters, as an editor shows them.
            final String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
            throw new ScenarioException(file, lineNumber, null, String.format(
                "not valid UTF-8 (byte 0x%02X at column %d); save the scenario as UTF-8", bytes[offset] & 0xFF,
                before.codePointCount(0, before.length()) + 1));
        }
        return out.flip().toString();
    }

    private static void checkLines(final String file, final String text) throws ScenarioException
    {
        int lineNumber = 1;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++)
        {
            if (i == text.length() || isLineBreak(text, i))
            {
                if (i - lineStart > MAX_LINE_CHARS)
                {
                    throw new ScenarioException(file, lineNumber, null, "the line has " + (i - lineStart) +
                        " characters, more than a scenario line may have (max " + MAX_LINE_CHARS + ")");
                }
                lineNumber++;
                lineStart = i + 1;
            }
        }
    }

    /** A line ends as SnakeYAML counts lines: LF, CR not followed by LF, NEL, LS or PS. */
    private static boolean isLineBreak(final String text, final int i)
    {
        final char c = text.charAt(i);
        return c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n') ||
            c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static int lineOfCodePoint(final String text, final int codePoint)
    {
        final int end = text.offsetByCodePoints(0, Math.min(codePoint, text.codePointCount(0, text.length())));
        int lineNumber = 1;
        for (int i = 0; i < end; i++)
        {
            if (isLineBreak(text, i))
            {
                lineNumber++;
            }
        }
        return lineNumber;
    }

    /** Copies the composed graph into a tree, one copy per use of an anchored node; the composer bounded its size. */
    private static YamlNode build(final Document doc, final Raw node, final KeyPath path, final int nodeLine,
        final Via nodeVia)
    {
        Raw raw = node;
        int line = nodeLine;
        Via via = nodeVia;
        if (raw instanceof RawAlias)
        {
            final RawAlias alias = (RawAlias)raw;
            via = Via.join(via, alias.note);
            raw = alias.target;
            line = raw.line;
        }
        if (raw instanceof RawScalar)
        {
            final RawScalar s = (RawScalar)raw;
            return new YamlNode(doc, line, path, via, s.isNull ? null : s.text, s.text, null, null);
        }
        if (raw instanceof RawList)
        {
            final List<Raw> rawItems = ((RawList)raw).items;
            final List<YamlNode> items = new ArrayList<>(rawItems.size());
            for (int i = 0; i < rawItems.size(); i++)
            {
                items.add(build(doc, rawItems.get(i), path.item(i), rawItems.get(i).line, via));
            }
            return new YamlNode(doc, line, path, via, null, null, null, Collections.unmodifiableList(items));
        }
        final Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (final RawEntry entry : ((RawMap)raw).entries)
        {
            entries.put(entry.key, build(doc, entry.value, path.key(entry.key), entry.keyLine,
                Via.join(via, entry.via)));
        }
        return new YamlNode(doc, line, path, via, null, null, entries, null);
    }

    private Set<String> consumed()
    {
        if (consumed == null)
        {
            consumed = new LinkedHashSet<>();
        }
        return consumed;
    }

    /**
     * @return the node's line, 1-based: where its text is written (see the class comment for aliases).
     */
    public int line()
    {
        return line;
    }

    /**
     * @return the key path from the root, e.g. {@code stacks[0].autoscaler.target}.
     */
    public String path()
    {
        return path.text();
    }

    /**
     * @param message what is wrong with this node.
     * @return an exception naming file, line and key, and the alias or merge key the node was reached through.
     */
    public ScenarioException error(final String message)
    {
        return errorAt(line, path, message);
    }

    private ScenarioException errorAt(final int atLine, final KeyPath atPath, final String message)
    {
        return new ScenarioException(doc.file, atLine, atPath.orNull(), via == null ? message :
            message + " (" + via.text() + ")");
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
     * @return true if this mapping has it with a non-null value.
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
        consumed().add(key);
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
            throw errorAt(line, path.key(key), "is required");
        }
        return child;
    }

    /**
     * @param key     a key this mapping does not give.
     * @param message what is wrong (e.g. why it is needed).
     * @return an exception naming this mapping's line and the key's path.
     */
    public ScenarioException missing(final String key, final String message)
    {
        return errorAt(line, path.key(key), message);
    }

    /**
     * An optional sub-mapping whose keys all have defaults: reading it records those defaults even when the whole
     * section is absent.
     *
     * @param key a key; marks it consumed.
     * @return the child, or an empty mapping with the child's path if absent or null.
     * @throws ScenarioException if this node is not a mapping.
     */
    public YamlNode section(final String key) throws ScenarioException
    {
        final YamlNode child = get(key);
        return child != null ? child : new YamlNode(doc, line, path.key(key), via, null, null, Map.of(), null);
    }

    /**
     * @return the mapping's entries in file order, all marked consumed.
     * @throws ScenarioException if not a mapping.
     */
    public Map<String, YamlNode> entries() throws ScenarioException
    {
        requireMap();
        consumed().addAll(map.keySet());
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
     * @param fallback value when absent, recorded as a default.
     * @return the text.
     * @throws ScenarioException if not a scalar.
     */
    public String string(final String key, final String fallback) throws ScenarioException
    {
        final YamlNode child = get(key);
        if (child == null)
        {
            recordDefault(key, fallback);
            return fallback;
        }
        return child.text();
    }

    /**
     * @param key      key.
     * @param fallback value when absent, recorded as a default.
     * @return the duration in ns ({@code 250ms}, {@code 5m}, a bare number is seconds), in [0,
     *     {@link #MAX_DURATION_NS}].
     * @throws ScenarioException if unreadable, negative or too long.
     */
    public long durationNs(final String key, final long fallback) throws ScenarioException
    {
        final YamlNode child = get(key);
        if (child == null)
        {
            recordDefault(key, TraceDurations.format(fallback));
            return fallback;
        }
        return child.asDurationNs();
    }

    /**
     * @param key      key.
     * @param fallback value when absent, recorded as a default.
     * @return the duration in ns, in [1, {@link #MAX_DURATION_NS}].
     * @throws ScenarioException if unreadable, zero or negative ("must be positive") or too long.
     */
    public long positiveDurationNs(final String key, final long fallback) throws ScenarioException
    {
        final YamlNode child = get(key);
        if (child == null)
        {
            recordDefault(key, TraceDurations.format(fallback));
            return fallback;
        }
        return child.asPositiveDurationNs();
    }

    /**
     * @return this scalar as a duration in ns, in [0, {@link #MAX_DURATION_NS}].
     * @throws ScenarioException if unreadable, negative ("must not be negative") or too long ("too long (max
     *                           10000d)").
     */
    public long asDurationNs() throws ScenarioException
    {
        return duration(false);
    }

    /**
     * @return this scalar as a duration in ns, in [1, {@link #MAX_DURATION_NS}].
     * @throws ScenarioException if unreadable, zero or negative ("must be positive") or too long ("too long (max
     *                           10000d)").
     */
    public long asPositiveDurationNs() throws ScenarioException
    {
        return duration(true);
    }

    private long duration(final boolean positive) throws ScenarioException
    {
        final double ns;
        try
        {
            ns = TraceDurations.parseUncheckedNs(text());
        }
        catch (final IllegalArgumentException e)
        {
            throw error(e.getMessage());
        }
        if (ns > MAX_DURATION_NS)
        {
            throw error("'" + scalar + "' is too long (max " + TraceDurations.format(MAX_DURATION_NS) + ")");
        }
        final long rounded = Math.round(ns);
        if (positive && rounded <= 0)
        {
            throw error("must be positive");
        }
        if (rounded < 0)
        {
            throw error("must not be negative");
        }
        return rounded;
    }

    /**
     * @param key      key.
     * @param fallback value when absent, recorded as a default.
     * @param min      smallest allowed.
     * @param max      largest allowed.
     * @return the number.
     * @throws ScenarioException if not a number in range.
     */
    public double number(final String key, final double fallback, final double min, final double max)
        throws ScenarioException
    {
        final YamlNode child = get(key);
        if (child == null)
        {
            recordDefault(key, fallback == Math.rint(fallback) && Math.abs(fallback) < 1e15 ?
                Long.toString((long)fallback) : Double.toString(fallback));
            return fallback;
        }
        return child.asNumber(min, max);
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
     * @param fallback value when absent, recorded as a default.
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
            recordDefault(key, Long.toString(fallback));
            return fallback;
        }
        return child.asInteger(min, max);
    }

    /**
     * @param min smallest allowed.
     * @param max largest allowed.
     * @return this scalar as a whole number.
     * @throws ScenarioException if not a whole number in range.
     */
    public long asInteger(final long min, final long max) throws ScenarioException
    {
        final long value;
        try
        {
            value = Long.parseLong(text().trim());
        }
        catch (final NumberFormatException e)
        {
            throw error("'" + scalar + "' is not a whole number");
        }
        if (value < min || value > max)
        {
            throw error(value + " is out of range [" + min + ", " + max + "]");
        }
        return value;
    }

    /**
     * Records the value a reader used because this mapping does not give {@code key} (for defaults the typed readers
     * cannot record themselves, such as one derived from a trace). The first record of a key path stays.
     *
     * @param key  the absent key.
     * @param text the value used, in the key's own format.
     */
    public void recordDefault(final String key, final String text)
    {
        doc.defaults.putIfAbsent(path.key(key).text(), text);
    }

    /**
     * @return the defaults recorded so far in the whole document, key path to value, in reading order.
     */
    public Map<String, String> defaults()
    {
        return Collections.unmodifiableMap(new LinkedHashMap<>(doc.defaults));
    }

    /**
     * @return every scalar under this node (null ones included), key path to its text as written (after resolving
     *     aliases and merge keys), in file order.
     * @throws ScenarioException if two scalars have the same key path (keys with dots can make that happen).
     */
    public Map<String, String> scalars() throws ScenarioException
    {
        final Map<String, String> out = new LinkedHashMap<>();
        final Map<String, Integer> lines = new HashMap<>();
        collectScalars(out, lines);
        return Collections.unmodifiableMap(out);
    }

    private void collectScalars(final Map<String, String> out, final Map<String, Integer> lines)
        throws ScenarioException
    {
        if (map != null)
        {
            for (final YamlNode child : map.values())
            {
                child.collectScalars(out, lines);
            }
        }
        else if (list != null)
        {
            for (final YamlNode item : list)
            {
                item.collectScalars(out, lines);
            }
        }
        else
        {
            final Integer first = lines.putIfAbsent(path.text(), line);
            if (first != null)
            {
                throw error("the key path is ambiguous: it also names the value at line " + first +
                    " (rename the key with a dot)");
            }
            out.put(path.text(), raw);
        }
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
        final Set<String> asked = consumed();
        for (final Map.Entry<String, YamlNode> entry : map.entrySet())
        {
            if (!asked.contains(entry.getKey()))
            {
                throw entry.getValue().error("unknown key" +
                    (asked.isEmpty() ? "" : " (expected one of: " + String.join(", ", asked) + ")"));
            }
        }
    }

    /**
     * {@link #rejectUnknownKeys()} for this node and every mapping under it: after a successful read every key of
     * the file has been asked for, so that every scalar {@link #scalars()} lists is one the readers saw.
     *
     * @throws ScenarioException naming the first key, in file order, that no reader asked for.
     */
    public void rejectUnreadKeys() throws ScenarioException
    {
        rejectUnknownKeys();
        final Iterable<YamlNode> children = map != null ? map.values() : list != null ? list : List.of();
        for (final YamlNode child : children)
        {
            child.rejectUnreadKeys();
        }
    }

    /**
     * @return the file this node was read from, as named by the user (for a node grafted in by {@link #with}, the
     *     file it was written in).
     */
    public String file()
    {
        return doc.file;
    }

    /**
     * A fresh copy of this tree, rooted at the root key path, with nothing consumed and its own recorded defaults: for
     * reading one document more than once (a sweep reads its base scenario once per variant), or for reading an
     * inline mapping as a document of its own. Lines and files stay where the text is written.
     *
     * @return the copy.
     */
    public YamlNode copyAsRoot()
    {
        return rebase(new LinkedHashMap<>(), KeyPath.ROOT, null);
    }

    /**
     * A copy of this tree (a fresh {@link #copyAsRoot()} is the usual receiver) with the node at {@code keyPath}
     * replaced by a copy of {@code value}, or added when the path's last key is absent. The grafted nodes keep their
     * own file and line, so a reader's error about them names where they are written (a sweep file's axis value), with
     * the key path they have in this tree and {@code note} appended. Unchanged subtrees are shared with this tree.
     * <p>
     * <b>Key paths</b> are keys joined by dots; a key that itself holds dots ({@code m5.large}) is matched as written
     * (the longest key present wins). In a list, {@code [i]} picks item i and a plain segment picks the item whose
     * {@code name} is that segment ({@code stacks.spot-cheapest.autoscaler.target}).
     *
     * @param keyPath where to graft.
     * @param value   the new value.
     * @param blame   the node to blame when the path names nothing (the sweep file's axis key).
     * @param note    appended to the grafted nodes' messages, e.g. {@code "sweep axis 'load.multiplier' = 3"}.
     * @return the new tree.
     * @throws ScenarioException naming {@code blame} if the path does not lead to a node or a missing last key.
     */
    public YamlNode with(final String keyPath, final YamlNode value, final YamlNode blame, final String note)
        throws ScenarioException
    {
        return graft(segments(keyPath, blame), 0, value, blame, note == null ? null : Via.note(note));
    }

    private static List<String> segments(final String keyPath, final YamlNode blame) throws ScenarioException
    {
        final List<String> out = new ArrayList<>();
        for (final String part : keyPath.split("\\.", -1))
        {
            String rest = part;
            final int bracket = rest.indexOf('[');
            if (bracket > 0)
            {
                out.add(rest.substring(0, bracket));
                rest = rest.substring(bracket);
            }
            while (rest.startsWith("["))
            {
                final int close = rest.indexOf(']');
                if (close < 0 || !rest.substring(1, close).matches("[0-9]{1,9}"))
                {
                    throw blame.error("'" + keyPath + "' is not a key path: '[' needs an item number and ']'");
                }
                out.add(rest.substring(0, close + 1));
                rest = rest.substring(close + 1);
            }
            if (!rest.isEmpty())
            {
                out.add(rest);
            }
            else if (bracket < 0 && part.isEmpty())
            {
                throw blame.error("'" + keyPath + "' is not a key path: it has an empty key (two dots, or a dot at " +
                    "an end)");
            }
        }
        return out;
    }

    private YamlNode graft(final List<String> segments, final int at, final YamlNode value, final YamlNode blame,
        final Via note) throws ScenarioException
    {
        if (at == segments.size())
        {
            return value.rebase(doc.defaults, path, note);
        }
        final String segment = segments.get(at);
        if (map != null)
        {
            for (int end = segments.size(); end > at; end--)
            {
                final String key = String.join(".", segments.subList(at, end));
                final YamlNode child = map.get(key);
                if (child != null)
                {
                    final Map<String, YamlNode> copy = new LinkedHashMap<>(map);
                    copy.put(key, child.graft(segments, end, value, blame, note));
                    return new YamlNode(doc, line, path, via, null, null, copy, null);
                }
            }
            if (at == segments.size() - 1 && !segment.startsWith("["))
            {
                final Map<String, YamlNode> copy = new LinkedHashMap<>(map);
                copy.put(segment, value.rebase(doc.defaults, path.key(segment), note));
                return new YamlNode(doc, line, path, via, null, null, copy, null);
            }
            throw blame.error("no key '" + segment + "' " + where() + " (keys there: " +
                String.join(", ", map.keySet()) + ")");
        }
        if (list != null)
        {
            int index = -1;
            if (segment.startsWith("["))
            {
                index = Integer.parseInt(segment.substring(1, segment.length() - 1));
                if (index >= list.size())
                {
                    throw blame.error("no item " + segment + " " + where() + ": the list has " + list.size() +
                        " item(s)");
                }
            }
            else
            {
                final List<String> names = new ArrayList<>();
                for (int i = 0; i < list.size(); i++)
                {
                    final YamlNode name = list.get(i).map == null ? null : list.get(i).map.get("name");
                    if (name != null && name.scalar != null)
                    {
                        names.add(name.scalar);
                        if (name.scalar.equals(segment) && index < 0)
                        {
                            index = i;
                        }
                    }
                }
                if (index < 0)
                {
                    throw blame.error("no item named '" + segment + "' " + where() + " (names there: " +
                        String.join(", ", names) + "; or pick an item by number, e.g. [0])");
                }
            }
            final List<YamlNode> copy = new ArrayList<>(list);
            copy.set(index, list.get(index).graft(segments, at + 1, value, blame, note));
            return new YamlNode(doc, line, path, via, null, null, null, Collections.unmodifiableList(copy));
        }
        throw blame.error("'" + path.text() + "' is a single value " + where() + ", it has no key '" + segment + "'");
    }

    private String where()
    {
        return (path.orNull() == null ? "at the top" : "under '" + path.text() + "'") + " of " + doc.file;
    }

    /** A copy under {@code newPath} recording its defaults into {@code defaults}; each node keeps its own file. */
    private YamlNode rebase(final Map<String, String> defaults, final KeyPath newPath, final Via note)
    {
        final Document newDoc = new Document(doc.file, defaults);
        final Via newVia = Via.join(via, note);
        if (map != null)
        {
            final Map<String, YamlNode> copy = new LinkedHashMap<>();
            for (final Map.Entry<String, YamlNode> entry : map.entrySet())
            {
                copy.put(entry.getKey(), entry.getValue().rebase(defaults, newPath.key(entry.getKey()), note));
            }
            return new YamlNode(newDoc, line, newPath, newVia, null, null, copy, null);
        }
        if (list != null)
        {
            final List<YamlNode> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++)
            {
                copy.add(list.get(i).rebase(defaults, newPath.item(i), note));
            }
            return new YamlNode(newDoc, line, newPath, newVia, null, null, null, Collections.unmodifiableList(copy));
        }
        return new YamlNode(newDoc, line, newPath, newVia, scalar, raw, null, null);
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

    /**
     * What all nodes of one file share: its name and the recorded defaults. Nodes grafted in from another file
     * ({@link #with}) have a document of their own, naming their file, that shares the tree's defaults.
     */
    private static final class Document
    {
        final String file;
        final Map<String, String> defaults;

        Document(final String file)
        {
            this(file, new LinkedHashMap<>());
        }

        Document(final String file, final Map<String, String> defaults)
        {
            this.file = file;
            this.defaults = defaults;
        }
    }

    /** A key path built link by link and written out only when asked for (messages, the echo), then kept. */
    private static final class KeyPath
    {
        static final KeyPath ROOT = new KeyPath(null, "", -1);

        private final KeyPath parent;
        private final String key;
        private final int index;
        private String text;

        private KeyPath(final KeyPath parent, final String key, final int index)
        {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        KeyPath key(final String childKey)
        {
            return new KeyPath(this, childKey, -1);
        }

        KeyPath item(final int childIndex)
        {
            return new KeyPath(this, null, childIndex);
        }

        String text()
        {
            if (text == null)
            {
                text = parent == null ? "" : index >= 0 ? parent.text() + "[" + index + "]" :
                    parent.parent == null ? key : parent.text() + "." + key;
            }
            return text;
        }

        String orNull()
        {
            return parent == null ? null : text();
        }
    }

    /** How a node was reached (aliases, merge keys), outermost first; joined in O(1), written out only for messages. */
    private static final class Via
    {
        private final Via outer;
        private final Via inner;
        private final String note;

        private Via(final Via outer, final Via inner, final String note)
        {
            this.outer = outer;
            this.inner = inner;
            this.note = note;
        }

        static Via note(final String note)
        {
            return new Via(null, null, note);
        }

        static Via join(final Via outer, final Via inner)
        {
            return outer == null ? inner : inner == null ? outer : new Via(outer, inner, null);
        }

        String text()
        {
            final StringBuilder sb = new StringBuilder();
            append(sb);
            return sb.toString();
        }

        private void append(final StringBuilder sb)
        {
            if (note == null)
            {
                outer.append(sb);
                inner.append(sb);
            }
            else
            {
                sb.append(sb.length() == 0 ? "" : "; ").append(note);
            }
        }
    }

    /**
     * A node as written, before aliases are expanded; an anchored node is shared by its aliases. {@code size} and
     * {@code height} describe its expansion (values, lists and mappings; levels of lists and mappings) and are set
     * when it is complete.
     */
    private abstract static class Raw
    {
        final int line;
        int size;
        int height;
        boolean complete;

        Raw(final int line)
        {
            this.line = line;
        }
    }

    private static final class RawScalar extends Raw
    {
        final String text;
        final boolean isNull;

        RawScalar(final int line, final String text, final boolean isNull)
        {
            super(line);
            this.text = text;
            this.isNull = isNull;
            size = 1;
            complete = true;
        }
    }

    private static final class RawList extends Raw
    {
        final List<Raw> items = new ArrayList<>();

        RawList(final int line)
        {
            super(line);
        }
    }

    private static final class RawMap extends Raw
    {
        /** Entries after merge keys, in file order (merged keys where the merge key is). */
        List<RawEntry> entries;

        RawMap(final int line)
        {
            super(line);
        }
    }

    private static final class RawAlias extends Raw
    {
        final String name;
        final Raw target;
        final Via note;

        RawAlias(final int line, final String name, final Raw target)
        {
            super(line);
            this.name = name;
            this.target = target;
            this.note = Via.note("through alias *" + name + " at line " + line);
            size = target.size;
            height = target.height;
            complete = true;
        }
    }

    /**
     * @param key     the key's text.
     * @param keyLine where the key is written.
     * @param value   its value.
     * @param via     how a merged entry got here, or null for the mapping's own keys.
     */
    private record RawEntry(String key, int keyLine, Raw value, Via via)
    {
    }

    /**
     * Builds the {@link Raw} graph from parser events: anchors, aliases (with their own lines), duplicate keys, merge
     * keys and tags, and the scalar, depth and size limits, counting what each alias and merge key would expand to so
     * that nothing is expanded before it is known to fit. Recursion depth is bounded by {@link #MAX_DEPTH}.
     */
    private static final class Composer
    {
        private final String file;
        private final Parser parser;
        private final Map<String, Raw> anchors = new HashMap<>();
        /** Values, lists and mappings of the expanded tree composed so far. */
        private int expanded;

        Composer(final String file, final Parser parser)
        {
            this.file = file;
            this.parser = parser;
        }

        Raw document() throws ScenarioException
        {
            parser.getEvent();
            if (parser.checkEvent(Event.ID.StreamEnd))
            {
                throw new ScenarioException(file, 1, null, "the file is empty");
            }
            parser.getEvent();
            final Raw root = node(KeyPath.ROOT, 0);
            parser.getEvent();
            if (!parser.checkEvent(Event.ID.StreamEnd))
            {
                throw new ScenarioException(file, line(parser.peekEvent()), null,
                    "a second YAML document starts here; a scenario is one document");
            }
            return root;
        }

        private Raw node(final KeyPath path, final int depth) throws ScenarioException
        {
            final Event event = parser.getEvent();
            final int line = line(event);
            if (event instanceof AliasEvent)
            {
                final RawAlias alias = alias((AliasEvent)event, path);
                if (depth + alias.height > MAX_DEPTH)
                {
                    throw error(line, path, "nested more than " + MAX_DEPTH + " levels deep after expanding alias *" +
                        alias.name + " (max " + MAX_DEPTH + ")");
                }
                count(alias.size, line, path);
                return alias;
            }
            if (event instanceof ScalarEvent)
            {
                final RawScalar scalar = scalar((ScalarEvent)event, path);
                count(1, line, path);
                return scalar;
            }
            checkTag(((CollectionStartEvent)event).getTag(), line, path);
            if (depth >= MAX_DEPTH)
            {
                throw error(line, path, "nested more than " + MAX_DEPTH + " levels deep (max " + MAX_DEPTH + ")");
            }
            count(1, line, path);
            if (event.is(Event.ID.SequenceStart))
            {
                final RawList list = anchor((NodeEvent)event, new RawList(line));
                int size = 1;
                int height = 0;
                while (!parser.checkEvent(Event.ID.SequenceEnd))
                {
                    final Raw item = node(path.item(list.items.size()), depth + 1);
                    list.items.add(item);
                    size += item.size;
                    height = Math.max(height, item.height);
                }
                parser.getEvent();
                return complete(list, size, height + 1);
            }
            return mapping(anchor((NodeEvent)event, new RawMap(line)), path, depth);
        }

        private RawAlias alias(final AliasEvent event, final KeyPath path) throws ScenarioException
        {
            final int line = line(event);
            final String name = event.getAnchor();
            final Raw target = anchors.get(name);
            if (target == null)
            {
                throw error(line, path, "alias *" + name + " has no anchor &" + name + " before it");
            }
            if (!target.complete)
            {
                // An anchored node still being read is one that contains this alias.
                throw error(line, path, "alias *" + name + " refers to a node that contains it");
            }
            return new RawAlias(line, name, target);
        }

        private RawScalar scalar(final ScalarEvent event, final KeyPath path) throws ScenarioException
        {
            final int line = line(event);
            checkTag(event.getTag(), line, path);
            final String value = event.getValue();
            if (value.length() > MAX_SCALAR_CHARS)
            {
                throw error(line, path, "the value has " + value.length() +
                    " characters, more than a scenario value may have (max " + MAX_SCALAR_CHARS + ")");
            }
            return anchor(event, new RawScalar(line, value,
                event.isPlain() && (value.isEmpty() || Resolver.NULL.matcher(value).matches())));
        }

        private RawMap mapping(final RawMap map, final KeyPath path, final int depth) throws ScenarioException
        {
            final Map<String, Integer> keyLines = new HashMap<>();
            final List<RawEntry> own = new ArrayList<>();
            int mergeAt = -1;
            int mergeLine = 0;
            Raw merge = null;
            while (!parser.checkEvent(Event.ID.MappingEnd))
            {
                final Event keyEvent = parser.getEvent();
                final int keyLine = line(keyEvent);
                final Raw keyNode = keyEvent instanceof AliasEvent ? alias((AliasEvent)keyEvent, path).target :
                    keyEvent instanceof ScalarEvent ? scalar((ScalarEvent)keyEvent, path) : null;
                if (!(keyNode instanceof RawScalar))
                {
                    throw error(keyLine, path, "a key must be a single value, not a list or mapping");
                }
                final String key = ((RawScalar)keyNode).text;
                final Integer first = keyLines.putIfAbsent(key, keyLine);
                if (first != null)
                {
                    throw error(keyLine, path.key(key), "duplicate key (first at line " + first + ")");
                }
                final boolean isMerge = keyEvent instanceof ScalarEvent && ((ScalarEvent)keyEvent).isPlain() &&
                    Resolver.MERGE.matcher(key).matches();
                final Raw value = node(path.key(key), depth + 1);
                if (isMerge)
                {
                    mergeAt = own.size();
                    mergeLine = keyLine;
                    merge = value;
                }
                else
                {
                    own.add(new RawEntry(key, keyLine, value, null));
                }
            }
            parser.getEvent();
            if (merge != null)
            {
                // The merge key's value was counted as written; what counts is what it adds.
                expanded -= merge.size;
                keyLines.remove("<<");
                own.addAll(mergeAt, merged(merge, mergeLine, path.key("<<"), keyLines.keySet()));
            }
            map.entries = own;
            int size = 1;
            int height = 0;
            for (final RawEntry entry : own)
            {
                size += entry.value.size;
                height = Math.max(height, entry.value.height);
            }
            return complete(map, size, height + 1);
        }

        /**
         * The entries a merge key adds: each merged mapping's keys not already present, earlier mappings first. They
         * sit no deeper than the merge key's value, whose depth was checked when it was read.
         */
        private List<RawEntry> merged(final Raw value, final int mergeLine, final KeyPath path,
            final Set<String> ownKeys) throws ScenarioException
        {
            final List<Raw> sources = new ArrayList<>();
            final Raw resolved = value instanceof RawAlias ? ((RawAlias)value).target : value;
            if (resolved instanceof RawList)
            {
                sources.addAll(((RawList)resolved).items);
            }
            else
            {
                sources.add(value);
            }
            final Set<String> present = new HashSet<>(ownKeys);
            final List<RawEntry> added = new ArrayList<>();
            for (final Raw source : sources)
            {
                final Raw target = source instanceof RawAlias ? ((RawAlias)source).target : source;
                if (!(target instanceof RawMap))
                {
                    throw error(mergeLine, path, "a merge key needs a mapping or a list of mappings (e.g. <<: *base)");
                }
                final Via how = Via.note((source instanceof RawAlias ? "merged from *" + ((RawAlias)source).name + " " :
                    "merged ") + "by '<<' at line " + mergeLine);
                for (final RawEntry entry : ((RawMap)target).entries)
                {
                    if (present.add(entry.key))
                    {
                        count(entry.value.size, mergeLine, path);
                        added.add(new RawEntry(entry.key, entry.keyLine, entry.value, Via.join(how, entry.via)));
                    }
                }
            }
            return added;
        }

        private void count(final int nodes, final int line, final KeyPath path) throws ScenarioException
        {
            expanded += nodes;
            if (expanded > MAX_NODES)
            {
                throw error(line, path, "the scenario has more than " + MAX_NODES + " values, lists and mappings " +
                    "after expanding aliases and merge keys (max " + MAX_NODES + ")");
            }
        }

        private static <T extends Raw> T complete(final T node, final int size, final int height)
        {
            node.size = size;
            node.height = height;
            node.complete = true;
            return node;
        }

        private <T extends Raw> T anchor(final NodeEvent event, final T node)
        {
            if (event.getAnchor() != null)
            {
                // A later anchor of the same name wins for the aliases after it, as YAML says.
                anchors.put(event.getAnchor(), node);
            }
            return node;
        }

        private void checkTag(final String tag, final int line, final KeyPath path) throws ScenarioException
        {
            if (tag != null)
            {
                throw error(line, path, "tag '" + tag.replace("tag:yaml.org,2002:", "!!") +
                    "' is not supported: write the value without a tag");
            }
        }

        private ScenarioException error(final int line, final KeyPath path, final String message)
        {
            return new ScenarioException(file, line, path.orNull(), message);
        }

        private static int line(final Event event)
        {
            return event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
        }
    }
}

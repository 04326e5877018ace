package io.windtunnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Timer;
import java.util.TimerTask;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutations of the bundled scenarios (shortened to a few simulated minutes), each run in process through
 * {@code windtunnel run} as a user would: a deleted line, two values swapped, a repeated key, anchors and aliases
 * (also merge keys and undefined aliases), a value replaced by junk, an indentation broken, random bytes. For every
 * mutation the command must exit 0 or 2, never 70, and never print a stack trace; a failed run leaves no result
 * folder; and a run that succeeds must echo in {@code summary.json} exactly the values the file says, as an
 * independent YAML library reads them (SnakeYAML's composer: raw scalar text, aliases and merge keys resolved), so
 * a value the reader silently changed or dropped fails here.
 * <p>
 * Mutation {@code i} draws from {@code new SplittableRandom(SEED + i)}: a failure names its number, and
 * {@code -Dmutation=i} runs that one alone. {@code -Dmutations=N} runs more (the suite runs {@link #DEFAULT_COUNT}).
 */
class ScenarioMutationTest
{
    private static final long SEED = 20261205L;
    private static final int DEFAULT_COUNT = 2000;
    /** A mutation whose run takes longer than this is stopped (an in-process interrupt) and counted as slow. */
    private static final long RUN_LIMIT_MS = 8_000;
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:- )?[A-Za-z0-9_.\\-]+: )(\\S.*)$");
    private static final String[] JUNK = {"x", "-1", "0", "[]", "{}", "\"\"", "1e400", "-5s", "9999999999999999999",
        "[a, b]", "{a: 1}", "null", "~", "2024-13-45T99:00:00Z", "0.0", "NaN", ".inf", "-.inf", "1h", "0s", "'7'",
        "\"2ms\"", "yes", "off", "0x10", "1_000", "+3", "3.", "PT1M", "P1D", "1e3", "../../escape", ".hidden",
        "a b", "on-demand", "spot", "|\n  block", "!!str 5", "!!int x", "&a 3", "*a", "? complex", "- item",
        "\u00e9t\u00e9", "\u0000", "100000000", "2147483648", "-9223372036854775808", "500ms", "2d", "10000",
        "10001"};

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldNeverExitSeventyNorChangeAValueSilentlyWhenScenariosAreMutated() throws Exception
    {
        final List<String> bases = List.of(shortened("quickstart.yaml"), shortened("mm1.yaml"),
            shortened("spot-serving.yaml"));
        final int only = Integer.getInteger("mutation", -1);
        final int count = Integer.getInteger("mutations", DEFAULT_COUNT);
        final int from = only >= 0 ? only : 0;
        final int to = only >= 0 ? only + 1 : count;
        // Mutations are independent (each its own files and random numbers), so they run on all cores; the report
        // is in mutation order whatever the thread count.
        final ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        final List<Future<Outcome>> futures = new ArrayList<>();
        try
        {
            for (int i = from; i < to; i++)
            {
                final int number = i;
                futures.add(pool.submit(() ->
                {
                    final SplittableRandom random = new SplittableRandom(SEED + number);
                    final Mutation mutation = mutate(bases.get(random.nextInt(bases.size())), random);
                    return check(number, mutation);
                }));
            }
            final Map<String, Integer> outcomes = new TreeMap<>();
            final List<String> failures = new ArrayList<>();
            final List<String> slow = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++)
            {
                final Outcome outcome = futures.get(i).get();
                outcomes.merge(outcome.kind, 1, Integer::sum);
                if (outcome.kind.equals("slow"))
                {
                    slow.add((from + i) + " (" + outcome.description + ")");
                }
                if (outcome.problem != null && failures.size() < 10)
                {
                    failures.add("mutation " + (from + i) + " (" + outcome.description + "): " + outcome.problem);
                }
            }
            System.out.println("ScenarioMutationTest outcomes: " + outcomes + (slow.isEmpty() ? "" :
                "; stopped after " + RUN_LIMIT_MS / 1000 + " s: " + slow));
            assertThat(failures).as("rerun one with -Dmutation=N").isEmpty();
            if (only < 0)
            {
                // Both sides must be exercised: runs that succeed (checked value by value) and errors.
                assertThat(outcomes.getOrDefault("exit 0", 0)).as(outcomes.toString()).isGreaterThan(count / 20);
                assertThat(outcomes.getOrDefault("exit 2", 0)).as(outcomes.toString()).isGreaterThan(count / 4);
                assertThat(outcomes.getOrDefault("slow", 0)).as(outcomes.toString()).isLessThan(count / 100 + 1);
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private record Outcome(String kind, String description, String problem)
    {
    }

    private Outcome check(final int number, final Mutation mutation) throws IOException
    {
        final String[] kind = new String[1];
        final String problem = check(number, mutation, kind);
        return new Outcome(kind[0], mutation.description, problem);
    }

    private String check(final int number, final Mutation mutation, final String[] outcome) throws IOException
    {
        final Path file = dir.resolve("m" + number + ".yaml");
        Files.write(file, mutation.bytes);
        final Path out = dir.resolve("out-" + number);
        final CliRun run = runWithLimit("run", file.toString(), "--out", out.toString(), "--threads", "1");
        final String shown = "\n--- scenario:\n" + new String(mutation.bytes, StandardCharsets.UTF_8) +
            "\n--- stdout:\n" + run.out() + "\n--- stderr:\n" + run.err();
        if (run.exitCode() == SignalGuard.SIGINT_EXIT && run.err().contains("interrupted"))
        {
            outcome[0] = "slow";
            return null;
        }
        outcome[0] = "exit " + run.exitCode();
        if (run.exitCode() != 0 && run.exitCode() != ExitCodes.INPUT_ERROR)
        {
            return "exit " + run.exitCode() + shown;
        }
        if (run.err().contains("\tat ") || run.err().contains("Exception") || run.out().contains("Exception"))
        {
            return "a stack trace or exception name was printed" + shown;
        }
        if (run.exitCode() != 0)
        {
            return Files.exists(out) ? "a failed run left " + out + shown : null;
        }
        final Map<String, String> expected;
        try
        {
            expected = leaves(new String(mutation.bytes, StandardCharsets.UTF_8));
        }
        catch (final RuntimeException e)
        {
            return "run accepted a file SnakeYAML refuses (" + e.getMessage().lines().findFirst().orElse("") + ")" +
                shown;
        }
        final Map<String, String> echoed = echo(out.resolve("summary.json"));
        if (!echoed.equals(expected))
        {
            return "summary.json does not echo the file's values:\n" + differences(expected, echoed) + shown;
        }
        deleteTree(out);
        return null;
    }

    private static CliRun runWithLimit(final String... args)
    {
        final Thread self = Thread.currentThread();
        final Timer timer = new Timer("mutation-watchdog", true);
        timer.schedule(new TimerTask()
        {
            @Override
            public void run()
            {
                self.interrupt();
            }
        }, RUN_LIMIT_MS);
        try
        {
            return CliRun.of(args);
        }
        finally
        {
            timer.cancel();
            Thread.interrupted();
        }
    }

    // ------------------------------------------------------------------------------------------------ mutations

    private record Mutation(String description, byte[] bytes)
    {
    }

    private static Mutation mutate(final String base, final SplittableRandom random)
    {
        final List<String> lines = new ArrayList<>(Arrays.asList(base.split("\n", -1)));
        final List<Integer> pairs = keyValueLines(lines);
        final int kind = random.nextInt(10);
        final int line = random.nextInt(lines.size());
        final int pair = pairs.get(random.nextInt(pairs.size()));
        final int other = pairs.get(random.nextInt(pairs.size()));
        switch (kind)
        {
            case 0:
                lines.remove(line);
                return text("deleted line " + (line + 1), lines);
            case 1:
            {
                final Matcher a = KEY_VALUE.matcher(lines.get(pair));
                final Matcher b = KEY_VALUE.matcher(lines.get(other));
                a.matches();
                b.matches();
                lines.set(pair, a.group(1) + b.group(2));
                lines.set(other, b.group(1) + a.group(2));
                return text("swapped the values of lines " + (pair + 1) + " and " + (other + 1), lines);
            }
            case 2:
            {
                // The key again right after it (same value, or the value of another line).
                final Matcher a = KEY_VALUE.matcher(lines.get(pair));
                a.matches();
                final Matcher b = KEY_VALUE.matcher(lines.get(other));
                b.matches();
                final String key = a.group(1).replace("- ", "  ");
                lines.add(pair + 1, key + (random.nextBoolean() ? a.group(2) : b.group(2)));
                return text("repeated the key of line " + (pair + 1), lines);
            }
            case 3:
            {
                // An anchor on one value and an alias to it on another (in either order: an alias before its anchor
                // is a YAML error).
                final int first = Math.min(pair, other);
                final int second = Math.max(pair, other);
                final Matcher a = KEY_VALUE.matcher(lines.get(first));
                a.matches();
                final Matcher b = KEY_VALUE.matcher(lines.get(second));
                b.matches();
                final boolean forward = first == pair || random.nextBoolean();
                final int anchorLine = forward ? first : second;
                final int aliasLine = forward ? second : first;
                final Matcher anchor = forward ? a : b;
                final Matcher alias = forward ? b : a;
                lines.set(anchorLine, anchor.group(1) + "&v " + anchor.group(2));
                lines.set(aliasLine, alias.group(1) + "*v");
                return text("anchored line " + (anchorLine + 1) + ", aliased it on line " + (aliasLine + 1), lines);
            }
            case 4:
            {
                // A merge key: one flow mapping anchored, merged into another.
                final List<Integer> flows = new ArrayList<>();
                for (final int p : pairs)
                {
                    final Matcher m = KEY_VALUE.matcher(lines.get(p));
                    if (m.matches() && m.group(2).startsWith("{") && m.group(2).endsWith("}"))
                    {
                        flows.add(p);
                    }
                }
                if (flows.size() < 2)
                {
                    lines.remove(line);
                    return text("deleted line " + (line + 1), lines);
                }
                final int x = flows.get(random.nextInt(flows.size()));
                final int y = flows.get(random.nextInt(flows.size()));
                final int first = Math.min(x, y);
                final int second = Math.max(x, y);
                final Matcher a = KEY_VALUE.matcher(lines.get(first));
                a.matches();
                lines.set(first, a.group(1) + "&base " + a.group(2));
                final Matcher b = KEY_VALUE.matcher(lines.get(second));
                b.matches();
                final String inner = b.group(2).substring(1, b.group(2).length() - 1).trim();
                lines.set(second, b.group(1) + "{<<: *base" + (inner.isEmpty() ? "" : ", " + inner) + "}");
                return text("merged line " + (first + 1) + " into line " + (second + 1), lines);
            }
            case 5:
            {
                final Matcher a = KEY_VALUE.matcher(lines.get(pair));
                a.matches();
                final String junk = JUNK[random.nextInt(JUNK.length)];
                lines.set(pair, a.group(1) + junk);
                return text("value of line " + (pair + 1) + " replaced by " + junk.replace("\n", "\\n"), lines);
            }
            case 6:
                lines.set(line, random.nextBoolean() ? " " + lines.get(line) : lines.get(line).replaceFirst("^ ", ""));
                return text("indentation of line " + (line + 1) + " changed", lines);
            case 7:
            {
                final Matcher a = KEY_VALUE.matcher(lines.get(pair));
                a.matches();
                lines.set(pair, a.group(1) + "*undefined");
                return text("an alias to no anchor on line " + (pair + 1), lines);
            }
            case 8:
            {
                // A whole line repeated elsewhere at the same level, e.g. a second 'stacks:' far from the first.
                final String copy = lines.get(line);
                final int at = random.nextInt(lines.size() + 1);
                lines.add(at, copy);
                return text("line " + (line + 1) + " repeated at line " + (at + 1), lines);
            }
            default:
            {
                final byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                final int at = random.nextInt(bytes.length);
                final int n = 1 + random.nextInt(3);
                for (int k = 0; k < n && at + k < bytes.length; k++)
                {
                    bytes[at + k] = (byte)random.nextInt(256);
                }
                return new Mutation(n + " random byte(s) at offset " + at, bytes);
            }
        }
    }

    private static Mutation text(final String description, final List<String> lines)
    {
        return new Mutation(description, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Integer> keyValueLines(final List<String> lines)
    {
        final List<Integer> pairs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            if (!lines.get(i).trim().startsWith("#") && KEY_VALUE.matcher(lines.get(i)).matches())
            {
                pairs.add(i);
            }
        }
        return pairs;
    }

    /** A bundled scenario, with absolute trace and event paths, cut to a few simulated minutes and one replication. */
    private static String shortened(final String name) throws IOException
    {
        final Path repo = BadInputCorpusTest.repoRoot();
        return Files.readString(repo.resolve("scenarios").resolve(name))
            .replace("../traces/generated", repo.resolve("traces/generated").toString())
            .replace("file: events/", "file: " + repo.resolve("scenarios/events") + "/")
            .replaceAll("(?m)^duration: .*$", "duration: 2m")
            .replaceAll("(?m)^warmup: .*$", "warmup: 30s")
            .replaceAll("(?m)^replications: .*$", "replications: 1")
            .replaceAll("(?m)^sampleInterval: .*$", "sampleInterval: 1m");
    }

    // ------------------------------------------------------------------------------------------------ the check

    /**
     * Every scalar of a YAML text, by the reader's path syntax, as SnakeYAML's composer gives it: raw text, with
     * aliases resolved (an alias is its anchored node) and merge keys applied (a mapping's own keys win, then the
     * merged mappings in order). Null scalars ({@code ~}, nothing) keep their written text, as the echo does.
     */
    static Map<String, String> leaves(final String yaml)
    {
        final LoaderOptions options = new LoaderOptions();
        final Node root = new Yaml(options).compose(new StringReader(yaml));
        final Map<String, String> leaves = new LinkedHashMap<>();
        if (root != null)
        {
            flatten(root, "", leaves);
        }
        return leaves;
    }

    private static void flatten(final Node node, final String path, final Map<String, String> leaves)
    {
        if (node instanceof ScalarNode scalar)
        {
            leaves.put(path, scalar.getValue());
        }
        else if (node instanceof SequenceNode sequence)
        {
            for (int i = 0; i < sequence.getValue().size(); i++)
            {
                flatten(sequence.getValue().get(i), path + "[" + i + "]", leaves);
            }
        }
        else if (node instanceof MappingNode mapping)
        {
            for (final Map.Entry<String, Node> entry : merged(mapping).entrySet())
            {
                flatten(entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), leaves);
            }
        }
    }

    private static Map<String, Node> merged(final MappingNode mapping)
    {
        final Map<String, Node> own = new LinkedHashMap<>();
        final List<MappingNode> merges = new ArrayList<>();
        for (final NodeTuple tuple : mapping.getValue())
        {
            final Node key = tuple.getKeyNode();
            if (Tag.MERGE.equals(key.getTag()))
            {
                if (tuple.getValueNode() instanceof MappingNode m)
                {
                    merges.add(m);
                }
                else if (tuple.getValueNode() instanceof SequenceNode s)
                {
                    for (final Node item : s.getValue())
                    {
                        merges.add((MappingNode)item);
                    }
                }
                continue;
            }
            own.put(((ScalarNode)key).getValue(), tuple.getValueNode());
        }
        final Map<String, Node> result = new LinkedHashMap<>();
        for (final MappingNode m : merges)
        {
            for (final Map.Entry<String, Node> entry : merged(m).entrySet())
            {
                result.putIfAbsent(entry.getKey(), entry.getValue());
            }
        }
        // Own keys win over merged ones; file order of own keys first is what the reader reports.
        final Map<String, Node> ordered = new LinkedHashMap<>(own);
        for (final Map.Entry<String, Node> entry : result.entrySet())
        {
            ordered.putIfAbsent(entry.getKey(), entry.getValue());
        }
        return ordered;
    }

    /** The values section of a summary: every scalar the reader used, by path. */
    private Map<String, String> echo(final Path summary) throws IOException
    {
        final JsonNode values = json.readTree(summary.toFile()).path("values");
        final Map<String, String> echoed = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> field : values.properties())
        {
            echoed.put(field.getKey(), field.getValue().asText());
        }
        return echoed;
    }

    private static String differences(final Map<String, String> expected, final Map<String, String> echoed)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Map.Entry<String, String> e : expected.entrySet())
        {
            final String got = echoed.get(e.getKey());
            if (!e.getValue().equals(got))
            {
                sb.append("  ").append(e.getKey()).append(": file says '").append(e.getValue()).append("', echo ")
                    .append(got == null ? "has nothing" : "says '" + got + "'").append('\n');
            }
        }
        for (final String key : echoed.keySet())
        {
            if (!expected.containsKey(key))
            {
                sb.append("  ").append(key).append(": echoed '").append(echoed.get(key))
                    .append("' but the file does not say it\n");
            }
        }
        return sb.toString();
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (var paths = Files.walk(root))
        {
            for (final Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }
}

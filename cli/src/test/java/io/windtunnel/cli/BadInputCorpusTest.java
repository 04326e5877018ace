package io.windtunnel.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus of bad and unusual inputs: every folder under {@code src/test/resources/corpus/} is one case, run
 * in process as a user would type it, with the exit code and message fragments it must give. A failure found later
 * becomes a new folder. The format is in {@code src/test/resources/corpus/README.md}.
 * <p>
 * Every case, whatever it expects, must also print no stack trace, and a case that fails must leave nothing at
 * {@code ${out}}: a failed run never leaves a result folder behind.
 */
class BadInputCorpusTest
{
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(dir|repo|out)}");
    private static final Pattern STACK_TRACE =
        Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|Exception in thread|\\w+(Exception|Error): |Caused by: ");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> shouldGiveTheExpectedExitAndMessageForEveryCorpusCase() throws IOException
    {
        final Path corpus = corpusRoot();
        final List<Path> cases;
        try (Stream<Path> children = Files.list(corpus))
        {
            cases = children.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("corpus cases under " + corpus).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> runCase(c)));
    }

    private void runCase(final Path source) throws IOException
    {
        final CorpusCase c = CorpusCase.parse(source.resolve("case.txt"));
        final Path dir = tmp.resolve(source.getFileName().toString());
        copy(source, dir);
        final Path out = dir.resolve("out");

        for (final String setup : c.setup)
        {
            final CliRun run = CliRun.of(arguments(setup, dir, out));
            assertThat(run.exitCode()).as("setup '" + setup + "' failed:\n" + run.err()).isZero();
        }
        final CliRun run = CliRun.of(arguments(c.args, dir, out));
        final String shown = "\n--- stdout:\n" + run.out() + "\n--- stderr:\n" + run.err();
        assertThat(run.exitCode()).as("exit code of '" + c.args + "'" + shown).isEqualTo(c.exit);
        for (final String fragment : c.stderr)
        {
            assertThat(run.err()).as("stderr" + shown).contains(expand(fragment, dir, out));
        }
        for (final String fragment : c.stdout)
        {
            assertThat(run.out()).as("stdout" + shown).contains(expand(fragment, dir, out));
        }
        assertThat(STACK_TRACE.matcher(run.err()).find()).as("a stack trace on stderr" + shown).isFalse();
        assertThat(STACK_TRACE.matcher(run.out()).find()).as("a stack trace on stdout" + shown).isFalse();
        if (c.exit != 0)
        {
            assertThat(Files.exists(out)).as("a failed command left something at ${out}" + shown).isFalse();
        }
        for (final String path : c.exists)
        {
            assertThat(Path.of(expand(path, dir, out))).as("expected to exist" + shown).exists();
        }
        for (final String path : c.absent)
        {
            // Files.exists, not notExists: a path under a file cannot exist, though notExists cannot tell.
            assertThat(Files.exists(Path.of(expand(path, dir, out)))).as(path + " expected to be absent" + shown)
                .isFalse();
        }
    }

    private static String[] arguments(final String line, final Path dir, final Path out)
    {
        final List<String> args = new ArrayList<>();
        final Matcher token = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (token.find())
        {
            args.add(expand(token.group(1) != null ? token.group(1) : token.group(2), dir, out));
        }
        return args.toArray(String[]::new);
    }

    private static String expand(final String text, final Path dir, final Path out)
    {
        final Matcher m = VARIABLE.matcher(text);
        final StringBuilder sb = new StringBuilder();
        while (m.find())
        {
            final String value = switch (m.group(1))
            {
                case "dir" -> dir.toString();
                case "repo" -> repoRoot().toString();
                default -> out.toString();
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Copies a case folder; in text files {@code @REPO@} becomes the checkout's root (to name bundled traces). */
    private static void copy(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.walk(from))
        {
            for (final Path file : files.toList())
            {
                final Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file))
                {
                    Files.createDirectories(target);
                    continue;
                }
                final String name = file.getFileName().toString();
                if (name.endsWith(".yaml") || name.endsWith(".csv") || name.endsWith(".json") || name.endsWith(".txt"))
                {
                    final byte[] bytes = Files.readAllBytes(file);
                    final String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    Files.write(target, text.replace("@REPO@", repoRoot().toString())
                        .getBytes(StandardCharsets.ISO_8859_1));
                }
                else
                {
                    Files.copy(file, target);
                }
            }
        }
    }

    static Path repoRoot()
    {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    }

    private static Path corpusRoot()
    {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("src/test/resources/corpus");
    }

    /** One case.txt: {@code key: value} lines; {@code #} starts a comment line. */
    private record CorpusCase(String args, int exit, List<String> setup, List<String> stdout, List<String> stderr,
        List<String> exists, List<String> absent)
    {
        static CorpusCase parse(final Path file) throws IOException
        {
            String args = null;
            Integer exit = null;
            final List<String> setup = new ArrayList<>();
            final List<String> stdout = new ArrayList<>();
            final List<String> stderr = new ArrayList<>();
            final List<String> exists = new ArrayList<>();
            final List<String> absent = new ArrayList<>();
            int lineNumber = 0;
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#"))
                {
                    continue;
                }
                final int colon = line.indexOf(':');
                if (colon < 0)
                {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": expected 'key: value'");
                }
                final String key = line.substring(0, colon).trim();
                final String value = line.substring(colon + 1).trim();
                switch (key)
                {
                    case "args" -> args = value;
                    case "exit" -> exit = Integer.parseInt(value);
                    case "setup" -> setup.add(value);
                    case "stdout" -> stdout.add(value);
                    case "stderr" -> stderr.add(value);
                    case "exists" -> exists.add(value);
                    case "absent" -> absent.add(value);
                    default -> throw new IllegalArgumentException(file + ":" + lineNumber + ": unknown key '" + key + "'");
                }
            }
            if (args == null || exit == null)
            {
                throw new IllegalArgumentException(file + ": needs 'args' and 'exit'");
            }
            return new CorpusCase(args, exit, setup, stdout, stderr, exists, absent);
        }
    }
}

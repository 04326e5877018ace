package io.windtunnel.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The traces shipped in {@code traces/generated/} are exactly what the {@code ./windtunnel trace gen} commands in
 * {@code traces/generated/regenerate.sh} write: this test parses those commands, runs each in-process into a
 * temporary file and compares the bytes, so the files, the script and the generators cannot drift apart. A command's
 * other arguments under {@code traces/generated/} (a {@code --catalog}) are inputs, read from the repository; every
 * other file of the folder (besides scripts and the README) must be written by a command, or be the edge-iot load,
 * the sum of two commands of {@code edge-iot-load.sh}, checked the same way.
 */
class GeneratedTracesTest
{
    private static final String LAUNCHER = "./windtunnel";
    private static final long MAX_TOTAL_BYTES = 1_000_000;

    @TempDir
    Path tempDir;

    private static Path repoRoot()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("traces/generated/regenerate.sh")))
        {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with traces/generated/regenerate.sh").isNotNull();
        return dir;
    }

    /**
     * @param script the script's text.
     * @return the arguments of each {@code ./windtunnel} command (after the launcher), continuations joined.
     */
    static List<List<String>> commands(final String script)
    {
        final List<List<String>> commands = new ArrayList<>();
        final StringBuilder logical = new StringBuilder();
        for (final String line : script.split("\n", -1))
        {
            final String trimmed = line.strip();
            if (logical.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#")))
            {
                continue;
            }
            if (trimmed.endsWith("\\"))
            {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            final String command = logical.toString().strip();
            logical.setLength(0);
            if (command.startsWith(LAUNCHER + " "))
            {
                assertThat(command).as("commands must be plain words: no quotes, variables, globs or redirects")
                    .doesNotContainPattern("[\"'$*?<>|;&`]");
                final List<String> words = new ArrayList<>(List.of(command.split("\\s+")));
                commands.add(words.subList(1, words.size()));
            }
        }
        return commands;
    }

    @Test
    void shouldParseContinuedCommandsAndSkipTheRest()
    {
        final List<List<String>> parsed = commands("#!/usr/bin/env bash\nset -e\n# ./windtunnel commented out\n" +
            "./windtunnel trace gen load-constant \\\n    --rate 2 \\\n    out.csv\necho done\n");

        assertThat(parsed).containsExactly(List.of("trace", "gen", "load-constant", "--rate", "2", "out.csv"));
    }

    @Test
    void shouldRegenerateEveryShippedTraceByteForByte() throws IOException
    {
        final Path root = repoRoot();
        final Path folder = root.resolve("traces/generated");
        final List<List<String>> commands = commands(
            Files.readString(folder.resolve("regenerate.sh"), StandardCharsets.UTF_8));
        assertThat(commands).hasSizeGreaterThanOrEqualTo(4);

        final Set<String> produced = new TreeSet<>();
        final Set<String> inputs = new TreeSet<>();
        for (final List<String> command : commands)
        {
            assertThat(command.subList(0, 2)).isEqualTo(List.of("trace", "gen"));
            final String target = command.get(command.size() - 1);
            assertThat(target).startsWith("traces/generated/");
            final Path shipped = root.resolve(target);
            final Path regenerated = tempDir.resolve(shipped.getFileName().toString());
            final List<String> args = new ArrayList<>();
            for (final String arg : command.subList(0, command.size() - 1))
            {
                if (arg.startsWith("traces/generated/"))
                {
                    inputs.add(root.resolve(arg).getFileName().toString());
                    args.add(root.resolve(arg).toString());
                }
                else
                {
                    args.add(arg);
                }
            }
            args.add(regenerated.toString());

            final TraceGenCommandTest.Result result = TraceGenCommandTest.run(args.toArray(new String[0]));

            assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.err()).isEqualTo(0);
            assertThat(shipped).as("shipped file of: " + String.join(" ", command)).exists();
            assertThat(Files.readAllBytes(regenerated)).as("%s differs from what its command writes now; run "
                + "traces/generated/regenerate.sh", target).isEqualTo(Files.readAllBytes(shipped));
            produced.add(shipped.getFileName().toString());
        }

        produced.add(regenerateEdgeIotLoad(root, folder));

        final Set<String> shippedTraces = new TreeSet<>();
        long totalBytes = 0;
        try (Stream<Path> files = Files.list(folder))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                totalBytes += Files.size(file);
                final String name = file.getFileName().toString();
                if (!name.endsWith(".sh") && !name.equals("README.md") && !inputs.contains(name))
                {
                    shippedTraces.add(name);
                }
            }
        }
        assertThat(shippedTraces).as("every shipped trace has a command").isEqualTo(produced);
        assertThat(totalBytes).isLessThan(MAX_TOTAL_BYTES);
    }

    /**
     * {@code load-edge-iot-1d.csv} is the row-by-row sum of two generated load traces ({@code edge-iot-load.sh}, kept
     * out of {@code regenerate.sh} because no single command writes it): its two {@code trace gen} commands are read
     * from the script (its {@code regions=} value and temporary folder substituted), run in-process, and summed as the
     * script's awk does; the result must equal the shipped file byte for byte.
     *
     * @return the shipped file's name.
     */
    private String regenerateEdgeIotLoad(final Path root, final Path folder) throws IOException
    {
        final String name = "load-edge-iot-1d.csv";
        final String script = Files.readString(folder.resolve("edge-iot-load.sh"), StandardCharsets.UTF_8);
        final java.util.regex.Matcher regions = java.util.regex.Pattern.compile("(?m)^regions=(\\S+)$").matcher(script);
        assertThat(regions.find()).as("edge-iot-load.sh sets regions=").isTrue();
        final String expanded = script.replace("\"$regions\"", regions.group(1)).replaceAll("\"\\$tmp/([a-z]+\\.csv)\"",
            java.util.regex.Matcher.quoteReplacement(tempDir.toString()) + "/$1");
        final List<String> outputs = new ArrayList<>();
        for (final List<String> command : commands(expanded))
        {
            assertThat(command.subList(0, 2)).isEqualTo(List.of("trace", "gen"));
            final TraceGenCommandTest.Result result = TraceGenCommandTest.run(command.toArray(new String[0]));
            assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.err()).isEqualTo(0);
            outputs.add(command.get(command.size() - 1));
        }
        assertThat(outputs).as("the script's two generated parts").hasSize(2);
        final List<String> a = Files.readAllLines(Path.of(outputs.get(0)), StandardCharsets.UTF_8);
        final List<String> b = Files.readAllLines(Path.of(outputs.get(1)), StandardCharsets.UTF_8);
        assertThat(a).hasSameSizeAs(b);
        final StringBuilder sum = new StringBuilder();
        for (int i = 0; i < a.size(); i++)
        {
            final String[] x = a.get(i).split(",", -1);
            final String[] y = b.get(i).split(",", -1);
            if (a.get(i).startsWith("#"))
            {
                sum.append(a.get(i)).append('\n');
            }
            else if (x[0].equals("time"))
            {
                sum.append("time,region,requests\n");
            }
            else
            {
                assertThat(x[0] + "," + x[1]).as("row %d: same time and region", i).isEqualTo(y[0] + "," + y[1]);
                sum.append(x[0]).append(',').append(x[1]).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", Double.parseDouble(x[2]) + Double.parseDouble(y[2])))
                    .append('\n');
            }
        }
        assertThat(sum.toString()).as("%s differs from what edge-iot-load.sh writes now", name)
            .isEqualTo(Files.readString(folder.resolve(name), StandardCharsets.UTF_8));
        return name;
    }
}

package io.windtunnel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.report.ComparisonTable;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.runner.StackSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel compare RESULT_DIR...}: puts the stacks of one or more result folders side by side.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Compare the policy stacks of one or more result folders (written by 'windtunnel run').")
public final class CompareCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT_DIR",
        description = "Result folders with a summary.json (or summary.json files).")
    private List<Path> folders;

    @Override
    public Integer call() throws IOException
    {
        final ObjectMapper mapper = new ObjectMapper();
        final List<StackSummary> stacks = new ArrayList<>();
        for (final Path folder : folders)
        {
            final Path file = Files.isRegularFile(folder) ? folder : folder.resolve("summary.json");
            if (!Files.exists(folder))
            {
                throw new UserInputException(folder + ": no such folder");
            }
            if (!Files.isRegularFile(file))
            {
                throw new UserInputException(folder + ": no summary.json (not a result folder of 'windtunnel run')");
            }
            final JsonNode root;
            try
            {
                root = mapper.readTree(file.toFile());
            }
            catch (final JsonProcessingException e)
            {
                throw new UserInputException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: " +
                    e.getOriginalMessage());
            }
            if (root == null || !root.isObject())
            {
                throw new UserInputException(file + ": not a Windtunnel summary (not a JSON object)");
            }
            final JsonNode format = root.path("format");
            if (format.isMissingNode())
            {
                throw new UserInputException(file + ": field 'format': missing; not a Windtunnel summary");
            }
            if (!format.isIntegralNumber() || format.asInt() != ResultWriter.FORMAT)
            {
                throw new UserInputException(file + ": field 'format': " + format + " is not a summary format this " +
                    "version reads (" + ResultWriter.FORMAT + "); it was written by " +
                    root.path("version").asText("an unknown version") + ". Compare it with that version, or rerun " +
                    "the scenario with this one");
            }
            if (!root.path("stacks").isArray())
            {
                throw new UserInputException(file + ": field 'stacks': missing; not a Windtunnel summary");
            }
            final Path named = file == folder ? folder.toAbsolutePath().getParent() : folder;
            final String prefix = folders.size() > 1 ? named.getFileName() + ":" : "";
            for (final JsonNode stack : root.path("stacks"))
            {
                final Map<String, StackSummary.Statistic> metrics = new LinkedHashMap<>();
                final Iterator<Map.Entry<String, JsonNode>> fields = stack.path("metrics").fields();
                while (fields.hasNext())
                {
                    final Map.Entry<String, JsonNode> field = fields.next();
                    final List<Double> values = new ArrayList<>();
                    for (final JsonNode v : field.getValue().path("replications"))
                    {
                        values.add(v.isNumber() ? v.asDouble() : Double.NaN);
                    }
                    metrics.put(field.getKey(), new StackSummary.Statistic(
                        number(field.getValue().path("mean")), number(field.getValue().path("ci95")), values));
                }
                stacks.add(new StackSummary(prefix + stack.path("name").asText(), Map.of(), metrics));
            }
        }
        if (stacks.isEmpty())
        {
            throw new UserInputException("no stacks found in " + folders);
        }
        spec.commandLine().getOut().print(ComparisonTable.text(stacks));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static double number(final JsonNode node)
    {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}

package io.windtunnel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.windtunnel.simulator.policy.PolicyParameter;
import io.windtunnel.simulator.policy.PolicyProvider;
import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.policy.PolicySlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel policies}: lists every registered policy (built-in, and from jars on the class path) per slot,
 * with its parameters, units, defaults, allowed values and docs, as a table or as JSON. Everything it prints comes
 * from the policies' own declarations.
 */
@Command(
    name = "policies",
    mixinStandardHelpOptions = true,
    description = {
        "List the policies a stack can name by 'type', per slot, with their parameters.",
        "Built-in policies and those in jars added with WINDTUNNEL_CLASSPATH (docs/policies.md) are listed alike."})
public final class PoliciesCommand implements Callable<Integer>
{
    /** Output formats. */
    enum Format
    {
        /** Readable tables. */
        text,
        /** One JSON document. */
        json
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "text or json (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Override
    public Integer call() throws IOException
    {
        final PolicyRegistry registry = PolicyRegistry.standard();
        final PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json)
        {
            final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(json(registry)));
        }
        else
        {
            text(registry, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void text(final PolicyRegistry registry, final PrintWriter out)
    {
        out.println("Policies a stack names by 'type' (docs/policies.md describes each).");
        for (final PolicySlot<?> slot : PolicySlot.all())
        {
            out.println();
            out.println(slot + " (stacks[]." + slot + ".type " + (slot.defaultType() == null ? "is required" :
                "defaults to " + slot.defaultType()) + (slot == PolicySlot.STORAGE ?
                "; only in a scenario with a 'storage' section" : "") + ")");
            for (final PolicyProvider<?> p : registry.providers(slot))
            {
                out.println("  " + p.type() + ": " + p.summary());
                out.println("    class: " + p.policyClass().getName());
                if (p.parameters().isEmpty())
                {
                    out.println("    no parameters");
                    continue;
                }
                final List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"parameter", "kind", "unit", "default", "allowed", "doc"});
                for (final PolicyParameter q : p.parameters())
                {
                    rows.add(new String[] {q.name(), q.kind().label(), q.unit().isEmpty() ? "-" : q.unit(),
                        q.describeDefault(), q.describeAllowed(), q.doc()});
                }
                table(rows, out);
            }
        }
    }

    private static void table(final List<String[]> rows, final PrintWriter out)
    {
        final int[] widths = new int[rows.get(0).length];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder("    ");
            for (int i = 0; i < row.length; i++)
            {
                line.append(row[i]);
                if (i < row.length - 1)
                {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line);
        }
    }

    private static Map<String, Object> json(final PolicyRegistry registry)
    {
        final List<Object> slots = new ArrayList<>();
        for (final PolicySlot<?> slot : PolicySlot.all())
        {
            final List<Object> policies = new ArrayList<>();
            for (final PolicyProvider<?> p : registry.providers(slot))
            {
                final List<Object> parameters = new ArrayList<>();
                for (final PolicyParameter q : p.parameters())
                {
                    final Map<String, Object> parameter = new LinkedHashMap<>();
                    parameter.put("name", q.name());
                    parameter.put("kind", q.kind().label());
                    parameter.put("unit", q.unit());
                    parameter.put("required", q.required());
                    parameter.put("default", q.describeDefault());
                    parameter.put("allowed", q.describeAllowed());
                    parameter.put("doc", q.doc());
                    parameters.add(parameter);
                }
                final Map<String, Object> policy = new LinkedHashMap<>();
                policy.put("type", p.type());
                policy.put("summary", p.summary());
                policy.put("class", p.policyClass().getName());
                policy.put("parameters", parameters);
                policies.add(policy);
            }
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("slot", slot.key());
            entry.put("defaultType", slot.defaultType());
            entry.put("policies", policies);
            slots.add(entry);
        }
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("slots", slots);
        return root;
    }
}

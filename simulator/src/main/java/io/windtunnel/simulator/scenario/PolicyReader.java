package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.policy.PolicyArguments;
import io.windtunnel.simulator.policy.PolicyContext;
import io.windtunnel.simulator.policy.PolicyParameter;
import io.windtunnel.simulator.policy.PolicyProvider;
import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.policy.PolicySlot;
import io.windtunnel.traces.TraceDurations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads one slot of a policy stack ({@code autoscaler: {type: ..., ...}}) through the {@link PolicyRegistry}: looks
 * up the {@code type}, reads and checks each declared parameter, refuses keys the policy does not declare, and
 * builds the policy once so that a refusal has a location. Every message is generated from the declarations and
 * names the file, line and key. Values and defaults are echoed as the rest of the scenario is: the file's values by
 * the document, defaults recorded in declaration order, and the stack's {@code parameters} (for the summary) hold
 * {@code slot.type}, every scalar parameter and every list parameter the file gives.
 * <p>
 * <b>Threading:</b> one instance per scenario read.
 */
final class PolicyReader
{
    private static final String SEE = "'windtunnel policies' describes them";

    private final PolicyRegistry registry;
    private final PolicyContext context;

    PolicyReader(final PolicyRegistry registry, final PolicyContext context)
    {
        this.registry = registry;
        this.context = context;
    }

    /**
     * @param <T>        the slot's interface.
     * @param stack      the stack mapping.
     * @param stackName  its name, for messages.
     * @param slot       the slot to read.
     * @param parameters the stack's parameters echo, filled with {@code slot.key} entries.
     * @return makes a fresh policy per run.
     * @throws ScenarioException naming file, line and key of what is wrong.
     */
    <T> Supplier<T> read(final YamlNode stack, final String stackName, final PolicySlot<T> slot,
        final Map<String, String> parameters) throws ScenarioException
    {
        final YamlNode node = slot.defaultType() == null ? stack.require(slot.key()) : stack.section(slot.key());
        if (slot.defaultType() == null && node.get("type") == null)
        {
            throw node.missing("type", "is required (one of " + String.join(", ", types(slot)) + "; " + SEE + ")");
        }
        final String type = slot.defaultType() == null ? node.require("type").text() :
            node.string("type", slot.defaultType());
        final PolicyProvider<T> provider = registry.find(slot, type);
        if (provider == null)
        {
            throw node.require("type").error(unknownType(slot, type));
        }
        parameters.put(slot.key() + ".type", type);
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final PolicyParameter p : provider.parameters())
        {
            values.put(p.name(), value(node, p, values, slot.key() + "." + p.name(), parameters, provider));
        }
        rejectUndeclared(node, provider.parameters(), true);
        final PolicyArguments arguments = new PolicyArguments(provider, values, context);
        final T policy;
        try
        {
            policy = provider.create(arguments);
        }
        catch (final IllegalArgumentException e)
        {
            throw node.error("stack '" + stackName + "': " + slot + " '" + type + "': " + e.getMessage());
        }
        if (!slot.policyInterface().isInstance(policy))
        {
            throw new IllegalStateException(provider + " made " + policy + ", not a " +
                slot.policyInterface().getName());
        }
        return () -> provider.create(arguments);
    }

    /** Refuses a key of {@code node} that is not one of {@code declared} (nor {@code type}, if allowed). */
    private static void rejectUndeclared(final YamlNode node, final List<PolicyParameter> declared,
        final boolean typeKey) throws ScenarioException
    {
        final List<String> expected = new ArrayList<>();
        if (typeKey)
        {
            expected.add("type");
        }
        declared.forEach(p -> expected.add(p.name()));
        for (final Map.Entry<String, YamlNode> entry : node.entries().entrySet())
        {
            if (!expected.contains(entry.getKey()))
            {
                throw entry.getValue().error("unknown key (expected one of: " + String.join(", ", expected) +
                    "; " + SEE + ")");
            }
        }
    }

    private String unknownType(final PolicySlot<?> slot, final String type)
    {
        final StringBuilder sb = new StringBuilder("'").append(type).append("' is not one of ")
            .append(String.join(", ", types(slot))).append(" (the registered ").append(slot).append(" types");
        for (final PolicySlot<?> other : PolicySlot.all())
        {
            if (other != slot && registry.find(other, type) != null)
            {
                sb.append("; '").append(type).append("' is ").append(article(other)).append(' ').append(other)
                    .append(", not ").append(article(slot)).append(' ').append(slot);
            }
        }
        return sb.append("; ").append(SEE).append(")").toString();
    }

    private List<String> types(final PolicySlot<?> slot)
    {
        final List<String> types = new ArrayList<>();
        registry.providers(slot).forEach(p -> types.add(p.type()));
        return types;
    }

    private static String article(final PolicySlot<?> slot)
    {
        return "aeiou".indexOf(slot.key().charAt(0)) >= 0 ? "an" : "a";
    }

    private Object value(final YamlNode node, final PolicyParameter p, final Map<String, Object> earlier,
        final String echoKey, final Map<String, String> stackParameters, final PolicyProvider<?> provider)
        throws ScenarioException
    {
        final YamlNode child = node.get(p.name());
        if (child == null && p.required())
        {
            throw node.missing(p.name(), "is required (" + p.doc() + ", " + p.kind().label() + " " +
                p.describeAllowed() + ")");
        }
        // A quiet default is used but echoed nowhere, so that older scenarios' summaries stay as they were.
        final boolean quiet = child == null && p.quietDefault();
        final Map<String, String> parameters = quiet ? new LinkedHashMap<>() : stackParameters;
        switch (p.kind())
        {
            case INTEGER:
            {
                final long value = child != null ? child.asInteger(lowerLong(p, earlier), p.maxLong()) :
                    defaultLong(p, earlier);
                if (child == null)
                {
                    recordDefault(node, quiet, p, Long.toString(value));
                }
                parameters.put(echoKey, Long.toString(value));
                return value;
            }
            case DURATION:
            {
                final long valueNs;
                if (child != null)
                {
                    valueNs = child.asDurationNs();
                    final long lowerNs = lowerLong(p, earlier);
                    if (valueNs < lowerNs || valueNs > p.maxLong())
                    {
                        throw child.error("'" + child.text() + "' is out of range [" + TraceDurations.format(lowerNs) +
                            ", " + TraceDurations.format(p.maxLong()) + "]");
                    }
                }
                else
                {
                    valueNs = defaultLong(p, earlier);
                    recordDefault(node, quiet, p, TraceDurations.format(valueNs));
                }
                parameters.put(echoKey, TraceDurations.format(valueNs));
                return valueNs;
            }
            case NUMBER:
            {
                double lower = p.minNumber();
                if (p.atLeast() != null)
                {
                    lower = Math.max(lower, (Double)earlier.get(p.atLeast()));
                }
                final double value;
                if (child != null)
                {
                    value = child.asNumber(lower, p.maxNumber());
                }
                else
                {
                    value = p.defaultFrom() != null ? (Double)earlier.get(p.defaultFrom()) :
                        Math.max(p.defaultNumber(), lower);
                    recordDefault(node, quiet, p, PolicyParameter.numberText(value));
                }
                parameters.put(echoKey, Double.toString(value));
                return value;
            }
            case BOOLEAN:
            {
                final String text = child != null ? child.text().trim() : p.defaultText();
                if (!text.equals("true") && !text.equals("false"))
                {
                    throw child.error("'" + text + "' is not true or false");
                }
                if (child == null)
                {
                    recordDefault(node, quiet, p, text);
                }
                parameters.put(echoKey, text);
                return Boolean.valueOf(text);
            }
            case CHOICE:
            {
                final String value = child != null ? word(child, p) : p.defaultText();
                if (child == null)
                {
                    recordDefault(node, quiet, p, value);
                }
                parameters.put(echoKey, value);
                return value;
            }
            case TEXT:
            {
                final String text = child != null ? child.text() : p.defaultText();
                final Object value;
                try
                {
                    value = p.parse(text);
                }
                catch (final IllegalArgumentException e)
                {
                    if (child == null)
                    {
                        throw new IllegalStateException(provider + ": the default of '" + p.name() + "' does not parse",
                            e);
                    }
                    throw child.error("'" + text + "' " + e.getMessage());
                }
                if (child == null)
                {
                    recordDefault(node, quiet, p, text);
                }
                parameters.put(echoKey, text);
                return value;
            }
            case ENTRIES:
                return entries(child, p, echoKey, parameters, provider);
            default:
                return list(node, quiet, child, p, echoKey, parameters);
        }
    }

    private List<PolicyArguments> entries(final YamlNode child, final PolicyParameter p, final String echoKey,
        final Map<String, String> parameters, final PolicyProvider<?> provider) throws ScenarioException
    {
        if (child == null)
        {
            return List.of();
        }
        final List<YamlNode> items = child.items();
        final List<PolicyArguments> entries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++)
        {
            final YamlNode item = items.get(i);
            if (!item.isMap())
            {
                throw item.error("must be a mapping with the keys " + String.join(", ",
                    p.fields().stream().map(PolicyParameter::name).toList()));
            }
            final Map<String, Object> values = new LinkedHashMap<>();
            for (final PolicyParameter field : p.fields())
            {
                values.put(field.name(),
                    value(item, field, values, echoKey + "[" + i + "]." + field.name(), parameters, provider));
            }
            rejectUndeclared(item, p.fields(), false);
            final PolicyArguments entry = PolicyArguments.entry(provider, p, i, values, context);
            final String problem = p.checkEntry(entry);
            if (problem != null)
            {
                throw item.error(problem);
            }
            entries.add(entry);
        }
        return List.copyOf(entries);
    }

    private List<String> list(final YamlNode node, final boolean quiet, final YamlNode child, final PolicyParameter p,
        final String echoKey, final Map<String, String> parameters) throws ScenarioException
    {
        final List<String> all = p.kind() == PolicyParameter.Kind.NAMES ? context.names(p.names()) : p.allowed();
        if (child == null)
        {
            recordDefault(node, quiet, p, "[" + String.join(", ", all) + "]");
            return all;
        }
        final List<String> items = new ArrayList<>();
        // A bare word is a one-item list: `markets: spot` reads as `markets: [spot]`.
        for (final YamlNode item : child.isList() ? child.items() : List.of(child))
        {
            if (p.kind() == PolicyParameter.Kind.CHOICES)
            {
                items.add(word(item, p));
            }
            else if (all.contains(item.text()))
            {
                items.add(item.text());
            }
            else
            {
                final String noun = p.names().noun();
                throw item.error("unknown " + noun + " '" + item.text() + "' (the scenario's " + noun + "s: " +
                    String.join(", ", all) + ")");
            }
        }
        parameters.put(echoKey, String.join(",", items));
        return List.copyOf(items);
    }

    private static void recordDefault(final YamlNode node, final boolean quiet, final PolicyParameter p,
        final String text)
    {
        if (!quiet)
        {
            node.recordDefault(p.name(), text);
        }
    }

    private static String word(final YamlNode node, final PolicyParameter p) throws ScenarioException
    {
        final String word = p.canonical(node.text());
        if (word == null)
        {
            throw node.error("'" + node.text() + "' is not one of " + String.join(", ", p.allowed()));
        }
        return word;
    }

    private static long lowerLong(final PolicyParameter p, final Map<String, Object> earlier)
    {
        return p.atLeast() == null ? p.minLong() : Math.max(p.minLong(), (Long)earlier.get(p.atLeast()));
    }

    private static long defaultLong(final PolicyParameter p, final Map<String, Object> earlier)
    {
        return p.defaultFrom() != null ? (Long)earlier.get(p.defaultFrom()) :
            Math.max(p.defaultLong(), lowerLong(p, earlier));
    }
}

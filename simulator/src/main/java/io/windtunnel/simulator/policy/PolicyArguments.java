package io.windtunnel.simulator.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked parameter values of one policy in one stack, as its {@link PolicyProvider#create} receives them:
 * every declared parameter has a value (the scenario's or the default), within its declared range.
 * <p>
 * <b>Threading:</b> immutable; shared by every run of the stack.
 */
public final class PolicyArguments
{
    private final PolicyProvider<?> provider;
    private final Map<String, Object> values;
    private final PolicyContext context;

    /**
     * @param provider the policy the values are for.
     * @param values   parameter name to value: {@code Long} (integer, duration in ns), {@code Double}, {@code Boolean},
     *                 {@code String} (choice) or {@code List<String>} (choices, names); one per declared parameter.
     * @param context  the scenario's names.
     * @throws IllegalArgumentException if a declared parameter has no value of its kind.
     */
    public PolicyArguments(final PolicyProvider<?> provider, final Map<String, ?> values, final PolicyContext context)
    {
        this.provider = provider;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.context = context;
        for (final PolicyParameter p : provider.parameters())
        {
            final Object value = values.get(p.name());
            if (!expected(p.kind()).isInstance(value))
            {
                throw new IllegalArgumentException("parameter '" + p.name() + "' of " + provider.slot() + " '" +
                    provider.type() + "' needs a " + expected(p.kind()).getSimpleName() + " value, not " + value);
            }
        }
    }

    private static Class<?> expected(final PolicyParameter.Kind kind)
    {
        switch (kind)
        {
            case INTEGER:
            case DURATION:
                return Long.class;
            case NUMBER:
                return Double.class;
            case BOOLEAN:
                return Boolean.class;
            case CHOICE:
                return String.class;
            default:
                return List.class;
        }
    }

    /**
     * @return the scenario's names.
     */
    public PolicyContext context()
    {
        return context;
    }

    /**
     * @param name an integer parameter declared within the range of an {@code int}.
     * @return its value.
     */
    public int getInt(final String name)
    {
        final long value = getLong(name);
        if (value != (int)value)
        {
            throw new IllegalStateException("parameter '" + name + "' is " + value + ", beyond an int: declare a " +
                "range within one");
        }
        return (int)value;
    }

    /**
     * @param name an integer parameter.
     * @return its value.
     */
    public long getLong(final String name)
    {
        return (Long)value(name, PolicyParameter.Kind.INTEGER);
    }

    /**
     * @param name a number parameter.
     * @return its value.
     */
    public double getDouble(final String name)
    {
        return (Double)value(name, PolicyParameter.Kind.NUMBER);
    }

    /**
     * @param name a duration parameter.
     * @return its value in ns.
     */
    public long getDurationNs(final String name)
    {
        return (Long)value(name, PolicyParameter.Kind.DURATION);
    }

    /**
     * @param name a boolean parameter.
     * @return its value.
     */
    public boolean getBoolean(final String name)
    {
        return (Boolean)value(name, PolicyParameter.Kind.BOOLEAN);
    }

    /**
     * @param name a choice parameter.
     * @return its value, one of the allowed words.
     */
    public String getString(final String name)
    {
        return (String)value(name, PolicyParameter.Kind.CHOICE);
    }

    /**
     * @param name a choices or names parameter.
     * @return its items in the scenario's order (allowed words, or names the scenario declares).
     */
    @SuppressWarnings("unchecked")
    public List<String> getStrings(final String name)
    {
        final PolicyParameter p = declared(name);
        if (p.kind() != PolicyParameter.Kind.CHOICES && p.kind() != PolicyParameter.Kind.NAMES)
        {
            throw new IllegalStateException("parameter '" + name + "' is a " + p.kind().label() + ", not a list");
        }
        return (List<String>)values.get(name);
    }

    /**
     * @param name a choices or names parameter.
     * @return one flag per allowed word (choices) or per name of the scenario's list (names, by index: for
     *     {@code PROVIDERS} the provider index): is it in the list.
     */
    public boolean[] getMask(final String name)
    {
        final PolicyParameter p = declared(name);
        final List<String> all = p.kind() == PolicyParameter.Kind.NAMES ? context.names(p.names()) : p.allowed();
        final boolean[] mask = new boolean[all.size()];
        for (final String item : getStrings(name))
        {
            mask[all.indexOf(item)] = true;
        }
        return mask;
    }

    private Object value(final String name, final PolicyParameter.Kind kind)
    {
        final PolicyParameter p = declared(name);
        if (p.kind() != kind)
        {
            throw new IllegalStateException("parameter '" + name + "' is a " + p.kind().label() + ", not a " +
                kind.label());
        }
        return values.get(name);
    }

    private PolicyParameter declared(final String name)
    {
        final PolicyParameter p = provider.parameter(name);
        if (p == null)
        {
            throw new IllegalStateException(provider.slot() + " '" + provider.type() + "' declares no parameter '" +
                name + "'");
        }
        return p;
    }

    @Override
    public String toString()
    {
        return values.toString();
    }
}

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
    private final String owner;
    private final Map<String, PolicyParameter> declared;
    private final Map<String, Object> values;
    private final PolicyContext context;

    /**
     * @param provider the policy the values are for.
     * @param values   parameter name to value: {@code Long} (integer, duration in ns), {@code Double}, {@code Boolean},
     *                 {@code String} (choice), {@code List<String>} (choices, names), what the parser returned (text)
     *                 or {@code List<PolicyArguments>} (entries, see {@link #entry}); one per declared parameter.
     * @param context  the scenario's names.
     * @throws IllegalArgumentException if a declared parameter has no value of its kind.
     */
    public PolicyArguments(final PolicyProvider<?> provider, final Map<String, ?> values, final PolicyContext context)
    {
        this(provider.slot() + " '" + provider.type() + "'", provider.parameters(), values, context);
    }

    private PolicyArguments(final String owner, final List<PolicyParameter> parameters, final Map<String, ?> values,
        final PolicyContext context)
    {
        this.owner = owner;
        this.declared = new LinkedHashMap<>();
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.context = context;
        for (final PolicyParameter p : parameters)
        {
            declared.put(p.name(), p);
            final Object value = values.get(p.name());
            if (!expected(p.kind()).isInstance(value))
            {
                throw new IllegalArgumentException("parameter '" + p.name() + "' of " + owner + " needs a " +
                    expected(p.kind()).getSimpleName() + " value, not " + value);
            }
        }
    }

    /**
     * The checked values of one entry of an {@link PolicyParameter.Kind#ENTRIES} parameter, as a policy's
     * {@link #getEntries} returns them.
     *
     * @param provider the policy the entries are for.
     * @param list     its entries parameter.
     * @param index    the entry's position.
     * @param values   field name to value, one per field of {@code list}.
     * @param context  the scenario's names.
     * @return the entry's arguments.
     * @throws IllegalArgumentException if a field has no value of its kind.
     */
    public static PolicyArguments entry(final PolicyProvider<?> provider, final PolicyParameter list, final int index,
        final Map<String, ?> values, final PolicyContext context)
    {
        return new PolicyArguments(provider.slot() + " '" + provider.type() + "' " + list.name() + "[" + index + "]",
            list.fields(), values, context);
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
            case TEXT:
                return Object.class;
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
     * @param name a text parameter.
     * @return its value, as its declaration's parser returned it.
     */
    public Object getText(final String name)
    {
        return value(name, PolicyParameter.Kind.TEXT);
    }

    /**
     * @param name an entries parameter.
     * @return its entries in the scenario's order, each with its fields' values.
     */
    @SuppressWarnings("unchecked")
    public List<PolicyArguments> getEntries(final String name)
    {
        return (List<PolicyArguments>)value(name, PolicyParameter.Kind.ENTRIES);
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
        final PolicyParameter p = declared.get(name);
        if (p == null)
        {
            throw new IllegalStateException(owner + " declares no parameter '" + name + "'");
        }
        return p;
    }

    @Override
    public String toString()
    {
        return values.toString();
    }
}

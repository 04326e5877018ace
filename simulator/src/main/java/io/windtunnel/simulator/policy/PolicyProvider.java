package io.windtunnel.simulator.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry entry of one policy: its slot, its YAML {@code type}, a one-line summary, its parameters, and how to
 * build it from checked parameter values. Built-in and user policies alike are found through
 * {@link java.util.ServiceLoader}: a subclass with a public no-argument constructor, named in a
 * {@code META-INF/services/io.windtunnel.simulator.policy.PolicyProvider} file of its jar. By convention it is a
 * nested class {@code Provider} of the policy it builds, so that the policy and its declaration are one file:
 * <pre>{@code
 * public final class FixedAutoscaler implements Autoscaler {
 *     public static final class Provider extends PolicyProvider<Autoscaler> {
 *         public Provider() {
 *             super(PolicySlot.AUTOSCALER, "fixed", "keeps a fixed number of replicas",
 *                 PolicyParameter.integer("replicas", 0, 1_000_000).defaultValue(1).unit("replicas")
 *                     .doc("replicas to keep provisioning or ready").build());
 *         }
 *         public Autoscaler create(PolicyArguments arguments) {
 *             return new FixedAutoscaler(arguments.getInt("replicas"));
 *         }
 *     }
 *     ...
 * }
 * }</pre>
 * <p>
 * <b>Threading:</b> immutable; {@link #create} may be called from several threads at once (one per run) and must
 * not share mutable state between the policies it makes.
 *
 * @param <T> the slot's interface.
 */
public abstract class PolicyProvider<T>
{
    private final PolicySlot<T> slot;
    private final String type;
    private final String summary;
    private final List<PolicyParameter> parameters;
    private final Map<String, PolicyParameter> byName = new LinkedHashMap<>();

    /**
     * @param slot       the slot its policies fill.
     * @param type       the YAML {@code type} that selects it, unique within the slot.
     * @param summary    one line saying what it does.
     * @param parameters its parameters, in the order they are read (a parameter may refer to earlier ones).
     * @throws IllegalArgumentException if two parameters share a name, or one refers to a later or different-kind
     *                                  parameter.
     */
    protected PolicyProvider(final PolicySlot<T> slot, final String type, final String summary,
        final PolicyParameter... parameters)
    {
        this.slot = slot;
        this.type = type;
        this.summary = summary;
        this.parameters = List.of(parameters);
        for (final PolicyParameter p : parameters)
        {
            checkReference(p, p.defaultFrom());
            checkReference(p, p.atLeast());
            if (byName.put(p.name(), p) != null)
            {
                throw new IllegalArgumentException(slot + " '" + type + "': parameter '" + p.name() +
                    "' is declared twice");
            }
        }
    }

    private void checkReference(final PolicyParameter p, final String reference)
    {
        if (reference == null)
        {
            return;
        }
        final PolicyParameter earlier = byName.get(reference);
        if (earlier == null || earlier.kind() != p.kind())
        {
            throw new IllegalArgumentException(slot + " '" + type + "': parameter '" + p.name() + "' refers to '" +
                reference + "', which is not an earlier " + p.kind().label() + " parameter");
        }
    }

    /**
     * Builds a policy for one run. Called once when the scenario is read (so that a refusal has a location) and
     * once per run.
     *
     * @param arguments checked parameter values.
     * @return a fresh policy.
     * @throws IllegalArgumentException if the values do not fit together; the message becomes a scenario error at
     *                                  the policy's key.
     */
    public abstract T create(PolicyArguments arguments);

    /**
     * @return the slot its policies fill.
     */
    public final PolicySlot<T> slot()
    {
        return slot;
    }

    /**
     * @return the YAML {@code type}.
     */
    public final String type()
    {
        return type;
    }

    /**
     * @return one line saying what it does.
     */
    public final String summary()
    {
        return summary;
    }

    /**
     * @return its parameters, in reading order.
     */
    public final List<PolicyParameter> parameters()
    {
        return parameters;
    }

    /**
     * @param name a parameter name.
     * @return its declaration, or null if it has none of that name.
     */
    public final PolicyParameter parameter(final String name)
    {
        return byName.get(name);
    }

    /**
     * @return the class that implements the policy: the class this provider is nested in, else the provider itself.
     */
    public Class<?> policyClass()
    {
        final Class<?> outer = getClass().getEnclosingClass();
        return outer != null ? outer : getClass();
    }

    @Override
    public String toString()
    {
        return slot + " '" + type + "' (" + getClass().getName() + ")";
    }
}

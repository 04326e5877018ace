package io.windtunnel.simulator.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The policies a scenario can name, per slot and {@code type}: every {@link PolicyProvider} that
 * {@link ServiceLoader} finds on a class path (the built-ins of this module and any in the user's jars), checked
 * once. The scenario reader looks types up here instead of switching on names, so a user's policy is found exactly
 * like a built-in.
 * <p>
 * <b>Threading:</b> immutable after construction.
 */
public final class PolicyRegistry
{
    /** The service file that lists providers, relative to a class path root. */
    public static final String SERVICE_FILE = "META-INF/services/" + PolicyProvider.class.getName();
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final List<PolicyProvider<?>> providers;

    private PolicyRegistry(final List<PolicyProvider<?>> providers)
    {
        this.providers = providers;
    }

    /**
     * @return the providers on the current thread's context class path (the application class path when run from
     *     the command line, including jars the user added to it).
     * @throws PolicyRegistryException if one cannot be loaded or is inconsistent.
     */
    public static PolicyRegistry standard()
    {
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        return load(context != null ? context : PolicyRegistry.class.getClassLoader());
    }

    /**
     * @param loader the class loader to search (its parents too).
     * @return the providers its class path lists in {@link #SERVICE_FILE}.
     * @throws PolicyRegistryException if one cannot be loaded or is inconsistent.
     */
    @SuppressWarnings("rawtypes")
    public static PolicyRegistry load(final ClassLoader loader)
    {
        final List<PolicyProvider<?>> found = new ArrayList<>();
        final Iterator<PolicyProvider> it = ServiceLoader.load(PolicyProvider.class, loader).iterator();
        while (true)
        {
            try
            {
                if (!it.hasNext())
                {
                    break;
                }
                found.add(it.next());
            }
            catch (final ServiceConfigurationError e)
            {
                final Throwable cause = e.getCause();
                throw new PolicyRegistryException("cannot load a policy listed in " + SERVICE_FILE + ": " +
                    e.getMessage() + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""), e);
            }
        }
        return of(found);
    }

    /**
     * @param providers providers to register (for tests and embedding; the command line uses {@link #standard()}).
     * @return a registry of them.
     * @throws PolicyRegistryException if a type name is malformed or taken twice within a slot.
     */
    public static PolicyRegistry of(final Collection<? extends PolicyProvider<?>> providers)
    {
        final List<PolicyProvider<?>> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt((PolicyProvider<?> p) -> PolicySlot.all().indexOf(p.slot()))
            .thenComparing(PolicyProvider::type));
        PolicyProvider<?> previous = null;
        for (final PolicyProvider<?> p : sorted)
        {
            if (!PolicySlot.all().contains(p.slot()))
            {
                throw new PolicyRegistryException(p.getClass().getName() + " declares no slot", null);
            }
            if (p.type() == null || !TYPE.matcher(p.type()).matches())
            {
                throw new PolicyRegistryException(p.getClass().getName() + " declares the " + p.slot() + " type '" +
                    p.type() + "': a type is lower-case letters, digits, '-', '_' and '.'", null);
            }
            if (p.summary() == null || p.summary().isBlank())
            {
                throw new PolicyRegistryException(p + " needs a one-line summary", null);
            }
            if (previous != null && previous.slot() == p.slot() && previous.type().equals(p.type()))
            {
                throw new PolicyRegistryException("two policies declare the " + p.slot() + " type '" + p.type() +
                    "': " + previous.getClass().getName() + " and " + p.getClass().getName() + "; rename one", null);
            }
            previous = p;
        }
        return new PolicyRegistry(List.copyOf(sorted));
    }

    /**
     * @param <T>  the slot's interface.
     * @param slot a slot.
     * @param type a type name.
     * @return its provider, or null if the slot has no such type.
     */
    @SuppressWarnings("unchecked")
    public <T> PolicyProvider<T> find(final PolicySlot<T> slot, final String type)
    {
        for (final PolicyProvider<?> p : providers)
        {
            if (p.slot() == slot && p.type().equals(type))
            {
                return (PolicyProvider<T>)p;
            }
        }
        return null;
    }

    /**
     * @param <T>  the slot's interface.
     * @param slot a slot.
     * @return its providers, by type name.
     */
    @SuppressWarnings("unchecked")
    public <T> List<PolicyProvider<T>> providers(final PolicySlot<T> slot)
    {
        final List<PolicyProvider<T>> out = new ArrayList<>();
        for (final PolicyProvider<?> p : providers)
        {
            if (p.slot() == slot)
            {
                out.add((PolicyProvider<T>)p);
            }
        }
        return out;
    }

    /**
     * @return every provider, by slot (stack order) then type name.
     */
    public List<PolicyProvider<?>> all()
    {
        return providers;
    }
}

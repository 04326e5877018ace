package io.windtunnel.simulator.policy;

/**
 * The registered policies cannot be used: a provider listed in a {@code META-INF/services} file cannot be loaded,
 * declares a bad type name or parameter, or takes a type another provider of its slot has. Usually a mistake in a
 * user's policy jar, so the command line reports it as bad input.
 */
public final class PolicyRegistryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the provider class.
     * @param cause   the underlying error, or null.
     */
    public PolicyRegistryException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package io.windtunnel.engine.demo;

/**
 * Closed-form results for the M/M/c queue (Poisson arrivals at rate lambda, c servers with exponential service
 * at rate mu each, FIFO, unlimited queue), used to check the engine against theory.
 * <p>
 * With offered load {@code a = lambda / mu} and utilization {@code rho = a / c < 1}: the probability that an
 * arrival waits is Erlang's C formula, computed here through the numerically stable Erlang B recursion
 * {@code B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1))}, {@code C = c B / (c - a (1 - B))}. The wait is 0 with
 * probability {@code 1 - C} and otherwise exponential with rate {@code theta = c mu - lambda}; the sojourn time
 * adds an independent exponential service time. (Kleinrock, <i>Queueing Systems</i> vol. 1, 1975, section 3.5;
 * Gross and Harris, <i>Fundamentals of Queueing Theory</i>, section 2.3.)
 * <p>
 * Stateless and thread-safe.
 */
public final class ErlangC
{
    private ErlangC()
    {
    }

    /**
     * @param servers c, at least 1.
     * @param lambda  arrival rate.
     * @param mu      service rate of one server.
     * @return probability that an arrival has to wait.
     * @throws IllegalArgumentException unless {@code lambda < c mu}.
     */
    public static double probabilityOfWait(final int servers, final double lambda, final double mu)
    {
        check(servers, lambda, mu);
        final double a = lambda / mu;
        double b = 1.0;
        for (int k = 1; k <= servers; k++)
        {
            b = a * b / (k + a * b);
        }
        return servers * b / (servers - a * (1.0 - b));
    }

    /**
     * @param servers c.
     * @param lambda  arrival rate.
     * @param mu      service rate of one server.
     * @return mean time in the system (wait plus service), in the unit of {@code 1 / mu}.
     */
    public static double meanSojourn(final int servers, final double lambda, final double mu)
    {
        return probabilityOfWait(servers, lambda, mu) / (servers * mu - lambda) + 1.0 / mu;
    }

    /**
     * @param servers c.
     * @param lambda  arrival rate.
     * @param mu      service rate of one server.
     * @return mean number of requests in the system, by Little's law {@code L = lambda W}.
     */
    public static double meanInSystem(final int servers, final double lambda, final double mu)
    {
        return lambda * meanSojourn(servers, lambda, mu);
    }

    /**
     * @param servers c.
     * @param lambda  arrival rate.
     * @param mu      service rate of one server.
     * @param t       time, in the unit of {@code 1 / mu}.
     * @return probability that a request spends longer than {@code t} in the system.
     */
    public static double sojournSurvival(final int servers, final double lambda, final double mu, final double t)
    {
        final double c = probabilityOfWait(servers, lambda, mu);
        final double theta = servers * mu - lambda;
        final double serviceOnly = Math.exp(-mu * t);
        final double waitPlusService;
        if (Math.abs(theta - mu) < 1e-12 * mu)
        {
            waitPlusService = (1.0 + mu * t) * Math.exp(-mu * t);
        }
        else
        {
            waitPlusService = (mu * Math.exp(-theta * t) - theta * Math.exp(-mu * t)) / (mu - theta);
        }
        return (1.0 - c) * serviceOnly + c * waitPlusService;
    }

    /**
     * @param servers  c.
     * @param lambda   arrival rate.
     * @param mu       service rate of one server.
     * @param quantile in (0, 1), e.g. 0.99.
     * @return the sojourn time exceeded with probability {@code 1 - quantile}, found by bisection.
     */
    public static double sojournQuantile(final int servers, final double lambda, final double mu, final double quantile)
    {
        if (!(quantile > 0 && quantile < 1))
        {
            throw new IllegalArgumentException("quantile must be in (0, 1): " + quantile);
        }
        final double target = 1.0 - quantile;
        double low = 0;
        double high = 1.0 / mu;
        while (sojournSurvival(servers, lambda, mu, high) > target)
        {
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            final double mid = 0.5 * (low + high);
            if (sojournSurvival(servers, lambda, mu, mid) > target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    private static void check(final int servers, final double lambda, final double mu)
    {
        if (servers < 1 || !(lambda > 0) || !(mu > 0) || !(lambda < servers * mu))
        {
            throw new IllegalArgumentException(
                "need servers >= 1, lambda > 0, mu > 0 and lambda < servers * mu: servers=" + servers +
                " lambda=" + lambda + " mu=" + mu);
        }
    }
}

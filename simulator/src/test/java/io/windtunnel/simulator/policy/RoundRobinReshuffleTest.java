package io.windtunnel.simulator.policy;

/** Round robin with SkyServe's reshuffle passes the balancer kit too (its contract run changes the ready set often). */
class RoundRobinReshuffleTest extends BalancerContractTest
{
    @Override
    Balancer newBalancer()
    {
        return new RoundRobinBalancer(true);
    }
}

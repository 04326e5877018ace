package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

/**
 * Default autoscaler: keeps the offered load at a target share of the workers. Each control interval it takes the
 * arrival rate observed over the previous interval, the mean work per request and the mean workers and speed of the
 * active replicas, and asks for {@code ceil(rate * meanServiceSec / (workersPerReplica * speed * target))}
 * replicas, clamped to {@code [min, max]}. At time 0, with nothing observed yet, it asks for {@code initial}.
 * <p>
 * This is the target-tracking rule of the cloud autoscalers (AWS target tracking, Kubernetes HPA's
 * {@code desired = ceil(current * metric / target)}) fed with offered load instead of measured utilization, so it
 * does not under-read a saturated fleet. Optional cool-downs ({@code upCooldown}, {@code downCooldown}, default 0:
 * none) hold the answer as {@link ScalingLimits} says. Booting capacity is not asked for twice: the answer is a
 * count of provisioning plus ready replicas, so replicas still booting count toward it.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
public final class TargetUtilizationAutoscaler implements Autoscaler
{
    private final double targetUtilization;
    private final int initialReplicas;
    private final ScalingLimits limits;

    /**
     * @param targetUtilization share of workers the offered load should fill, in (0, 1].
     * @param minReplicas       lower bound.
     * @param maxReplicas       upper bound.
     * @param initialReplicas   replicas at time 0.
     */
    public TargetUtilizationAutoscaler(
        final double targetUtilization, final int minReplicas, final int maxReplicas, final int initialReplicas)
    {
        this(targetUtilization, minReplicas, maxReplicas, initialReplicas, 0, 0);
    }

    /**
     * @param targetUtilization share of workers the offered load should fill, in (0, 1].
     * @param minReplicas       lower bound.
     * @param maxReplicas       upper bound.
     * @param initialReplicas   replicas at time 0.
     * @param upCooldownNs      after a rise, ns before the next rise.
     * @param downCooldownNs    after any change, ns before a fall.
     */
    public TargetUtilizationAutoscaler(final double targetUtilization, final int minReplicas, final int maxReplicas,
        final int initialReplicas, final long upCooldownNs, final long downCooldownNs)
    {
        if (!(targetUtilization > 0 && targetUtilization <= 1) || minReplicas < 0 || maxReplicas < minReplicas)
        {
            throw new IllegalArgumentException("target in (0, 1] and 0 <= min <= max required");
        }
        this.targetUtilization = targetUtilization;
        this.initialReplicas = initialReplicas;
        this.limits = new ScalingLimits(minReplicas, maxReplicas, upCooldownNs, downCooldownNs);
    }

    @Override
    public int desiredReplicas(final SimulationView view)
    {
        if (view.nowNs() == 0)
        {
            return limits.apply(0, initialReplicas);
        }
        return limits.apply(view.nowNs(), replicasFor(view, view.observedArrivalRatePerSec(), targetUtilization));
    }

    /**
     * The target-tracking count: {@code ceil(ratePerSec * meanServiceSec / (workersPerReplica * target))}, with
     * {@code workersPerReplica} the mean over the active replicas (the first instance type's if none is active).
     * Shared by the autoscalers that turn a rate (observed, forecast) into replicas.
     *
     * @param view              the running simulation.
     * @param ratePerSec        arrivals per second to serve.
     * @param targetUtilization share of the workers that rate should keep busy, in (0, 1].
     * @return replicas, unclamped.
     */
    static int replicasFor(final SimulationView view, final double ratePerSec, final double targetUtilization)
    {
        final CloudModel model = view.model();
        final int active = view.activeReplicas();
        double workersPerReplica = active > 0 ? view.activeWorkers() / (double)active : 0;
        if (workersPerReplica <= 0)
        {
            workersPerReplica = model.typeWorkers[0];
        }
        final double busyWorkers = ratePerSec * model.serviceMeanNs / 1e9;
        final double replicas = Math.ceil(busyWorkers / (workersPerReplica * targetUtilization) - 1e-9);
        return (int)Math.min(Integer.MAX_VALUE / 2, replicas);
    }

    /** Registry entry: {@code type: target-utilization}. */
    public static final class Provider extends PolicyProvider<Autoscaler>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.AUTOSCALER, "target-utilization",
                "keeps the offered load at a target share of the workers (target tracking, as AWS and the HPA)",
                ScalingLimits.withBounds(new PolicyParameter[] {
                    PolicyParameter.number("target", 0.01, 1).defaultValue(0.6).unit("share of workers")
                        .doc("share of the workers the offered load should keep busy").build()},
                    1, true, 0, true));
        }

        @Override
        public Autoscaler create(final PolicyArguments arguments)
        {
            return new TargetUtilizationAutoscaler(arguments.getDouble("target"), arguments.getInt("min"),
                arguments.getInt("max"), arguments.getInt("initial"), arguments.getDurationNs("upCooldown"),
                arguments.getDurationNs("downCooldown"));
        }
    }
}

package io.windtunnel.simulator.policy;

/**
 * Join the shortest queue by the simulator's count: sends each request to the ready replica with the fewest attempts
 * in flight ({@link SimulationView#replicaInFlight}: on their way, queued or in service), SkyServe's
 * {@code least_load} policy (its default). Ties are broken round-robin: the scan starts one position after the
 * previous choice, so replicas with equal counts (an idle fleet) take turns instead of the first one taking every
 * request. It ignores capacity (a replica with twice the workers counts its requests the same) and client region.
 * <p>
 * SkyServe keeps its own load map, raised when it sends and lowered when the response returns; it missed the error
 * path and saw negative loads. The simulator's count is exact on every path, so this balancer keeps none.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none; O(ready replicas) per request.
 */
public final class LeastOutstandingBalancer implements Balancer
{
    /** Position of the ready list where the next scan starts. */
    private int start;

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int ready = view.readyCount();
        if (ready == 0)
        {
            return -1;
        }
        int from = start;
        if (from >= ready)
        {
            from = 0;
        }
        int bestPosition = from;
        int bestInFlight = view.replicaInFlight(view.readyReplica(from));
        for (int i = from + 1; i < ready && bestInFlight > 0; i++)
        {
            final int inFlight = view.replicaInFlight(view.readyReplica(i));
            if (inFlight < bestInFlight)
            {
                bestPosition = i;
                bestInFlight = inFlight;
            }
        }
        for (int i = 0; i < from && bestInFlight > 0; i++)
        {
            final int inFlight = view.replicaInFlight(view.readyReplica(i));
            if (inFlight < bestInFlight)
            {
                bestPosition = i;
                bestInFlight = inFlight;
            }
        }
        start = bestPosition + 1;
        return view.readyReplica(bestPosition);
    }

    /** Registry entry: {@code type: least-outstanding}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type; it has no parameters. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "least-outstanding",
                "the ready replica with the fewest requests in flight (SkyServe least_load); ties round-robin");
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new LeastOutstandingBalancer();
        }
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;

/**
 * SkyPilot's relaunch backoff, ported from {@code sky/utils/common_utils.py} {@code Backoff} (skypilot-org/skypilot,
 * commit 0022406): exponential with jitter after gRPC's connection backoff. The first gap is the initial gap; each
 * later gap is the previous gap (as jittered) times the multiplier; before jitter a gap is capped at
 * {@code maxFactor} times the initial gap; then a uniform jitter of +-{@code jitter} of the gap is added. As in
 * SkyPilot the jittered gap is what the next one multiplies, so the jitter compounds: gap {@code k} (from 0) lies in
 * {@code min(initial x multiplier^k x (1 - jitter)^k, cap) x (1 - jitter)} to
 * {@code min(initial x multiplier^k x (1 + jitter)^k, cap) x (1 + jitter)}, and the cap bounds a gap before its
 * jitter, so a gap can reach {@code cap x (1 + jitter)}.
 * <p>
 * <b>Threading:</b> one instance per policy instance. <b>Allocation:</b> none.
 */
final class RelaunchBackoff
{
    private final double initialNs;
    private final double multiplier;
    private final double jitter;
    private final double maxNs;
    private boolean initial = true;
    private double backoffNs;

    /**
     * @param initialNs  the first gap before jitter, ns (SkyPilot's jobs controller: 60 s).
     * @param multiplier growth per failed attempt (SkyPilot: 1.6).
     * @param jitter     jitter as a share of the gap, in [0, 1) (SkyPilot: 0.4).
     * @param maxFactor  the cap before jitter, as a multiple of the initial gap (SkyPilot: 5).
     */
    RelaunchBackoff(final double initialNs, final double multiplier, final double jitter, final double maxFactor)
    {
        this.initialNs = initialNs;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.maxNs = maxFactor * initialNs;
    }

    /**
     * Backs off once (SkyPilot's {@code current_backoff()}).
     *
     * @param random the stream the jitter is drawn from (one draw per call).
     * @return the gap before the next attempt, ns, positive.
     */
    double nextGapNs(final RandomStream random)
    {
        if (initial)
        {
            initial = false;
            backoffNs = Math.min(initialNs, maxNs);
        }
        else
        {
            backoffNs = Math.min(backoffNs * multiplier, maxNs);
        }
        backoffNs += random.uniform(-jitter * backoffNs, jitter * backoffNs);
        return backoffNs;
    }

    /** Start again from the initial gap: SkyPilot makes a new {@code Backoff} for each launch it tries to make. */
    void reset()
    {
        initial = true;
        backoffNs = 0;
    }
}

package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;

import java.util.Arrays;

/**
 * Retries with capped exponential backoff and jitter, as in Marc Brooker's "Exponential Backoff and Jitter" (AWS
 * Architecture Blog, 2015) and the AWS SDKs' standard retry mode: retry {@code k} (from 1) waits, before jitter,
 * {@code min(cap, base x multiplier^(k-1))}; with <b>full jitter</b> a uniform draw in {@code [0, that)}, with
 * <b>equal jitter</b> half of it plus a uniform draw in {@code [0, half)}, with {@code none} exactly that. A request
 * makes at most {@code maxAttempts} attempts in all (the first included, as the SDKs count). Each retry is a real
 * attempt: after its delay (an engine event) it goes through the balancer, so it can land on another replica.
 * <p>
 * Which ends are retried is {@code retryOn}: {@code lost} (its replica ended with it in hand or was gone when it
 * arrived), {@code timed-out} (its deadline passed) and {@code rejected} (a full queue, or no ready replica: the
 * throttling case backoff was made for). An end not listed is handled as without this policy: a timeout by the
 * scenario's {@code service.retries} (at once), a lost request fails, a rejected one ends rejected. Like
 * {@code drain-on-notice} it replaces each lost replica at once, at the preemption notice.
 * <p>
 * Jitter is drawn from the failover slot's own seeded stream ({@link SimulationView#random}), one draw per retry.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
public final class RetryBackoffFailover implements FailoverPolicy
{
    /** Jitter kinds, in {@code jitter}'s order. */
    static final String[] JITTERS = {"full", "equal", "none"};
    /** Ends it can retry, in {@code retryOn}'s order. */
    static final String[] OUTCOMES = {"lost", "timed-out", "rejected"};

    private static final int FULL = 0;
    private static final int EQUAL = 1;

    private final double baseNs;
    private final double multiplier;
    private final double capNs;
    private final int maxAttempts;
    private final int jitter;
    private final boolean retryLost;
    private final boolean retryTimedOut;
    private final boolean retryRejected;
    private RandomStream random;

    /**
     * @param baseNs      the first retry's delay before jitter, ns.
     * @param multiplier  growth of the delay per retry.
     * @param capNs       the largest delay before jitter, ns.
     * @param maxAttempts attempts per request, the first included.
     * @param jitter      one of {@link #JITTERS}.
     * @param retryOn     per {@link #OUTCOMES}: retry that end.
     */
    public RetryBackoffFailover(final long baseNs, final double multiplier, final long capNs, final int maxAttempts,
        final String jitter, final boolean[] retryOn)
    {
        this.baseNs = baseNs;
        this.multiplier = multiplier;
        this.capNs = capNs;
        this.maxAttempts = maxAttempts;
        this.jitter = Arrays.asList(JITTERS).indexOf(jitter);
        if (this.jitter < 0)
        {
            throw new IllegalArgumentException("jitter '" + jitter + "' is none of " + String.join(", ", JITTERS));
        }
        this.retryLost = retryOn[0];
        this.retryTimedOut = retryOn[1];
        this.retryRejected = retryOn[2];
    }

    @Override
    public int replacements(final SimulationView view, final int replica, final int reason)
    {
        return 1;
    }

    @Override
    public boolean retryLostRequest(final SimulationView view, final int attempts)
    {
        return retryLost && attempts < maxAttempts;
    }

    @Override
    public long retryDelayNs(final SimulationView view, final long requestId, final int attempts, final int outcome)
    {
        final boolean listed = outcome == ResponseListener.FAILED ? retryLost
            : outcome == ResponseListener.TIMED_OUT ? retryTimedOut : retryRejected;
        if (!listed)
        {
            return FailoverPolicy.super.retryDelayNs(view, requestId, attempts, outcome);
        }
        if (attempts >= maxAttempts)
        {
            return NO_RETRY;
        }
        if (random == null)
        {
            random = view.random(PolicySlot.FAILOVER);
        }
        return delayNs(attempts, random);
    }

    /**
     * @param retry  the retry's number, from 1.
     * @param random the stream to draw the jitter from (one draw, unless {@code jitter} is none).
     * @return its delay, ns.
     */
    long delayNs(final int retry, final RandomStream random)
    {
        final double ceilingNs = Math.min(capNs, baseNs * Math.pow(multiplier, retry - 1));
        switch (jitter)
        {
            case FULL:
                return (long)(random.nextDouble() * ceilingNs);
            case EQUAL:
                return (long)(ceilingNs / 2 + random.nextDouble() * ceilingNs / 2);
            default:
                return (long)ceilingNs;
        }
    }

    /** Registry entry: {@code type: retry-backoff}. */
    public static final class Provider extends PolicyProvider<FailoverPolicy>
    {
        private static final long MS = 1_000_000L;
        private static final long HOUR = 3_600_000 * MS;

        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.FAILOVER, "retry-backoff",
                "retries with capped exponential backoff and jitter (AWS), each retry through the balancer",
                PolicyParameter.duration("base", 0, HOUR).defaultValue(100 * MS)
                    .doc("the first retry's delay before jitter").build(),
                PolicyParameter.number("multiplier", 1, 100).defaultValue(2.0)
                    .doc("growth of the delay per retry").build(),
                PolicyParameter.duration("cap", 0, 24 * HOUR).defaultValue(20_000 * MS).atLeast("base")
                    .doc("the largest delay before jitter").build(),
                PolicyParameter.integer("maxAttempts", 1, 100).defaultValue(3).unit("attempts")
                    .doc("attempts per request, the first included").build(),
                PolicyParameter.choice("jitter", JITTERS).defaultValue("full")
                    .doc("full: uniform in [0, delay); equal: delay/2 plus uniform in [0, delay/2); none").build(),
                PolicyParameter.choices("retryOn", OUTCOMES)
                    .doc("ends it retries (an end not listed is handled as without this policy)").build());
        }

        @Override
        public FailoverPolicy create(final PolicyArguments arguments)
        {
            return new RetryBackoffFailover(arguments.getDurationNs("base"), arguments.getDouble("multiplier"),
                arguments.getDurationNs("cap"), arguments.getInt("maxAttempts"), arguments.getString("jitter"),
                arguments.getMask("retryOn"));
        }
    }
}

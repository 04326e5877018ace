package io.windtunnel.simulator;

import java.util.Arrays;

/**
 * The requests of one run: a structure of arrays indexed by request slot, with a free list. A slot is taken at
 * arrival and given back when the request ends (completed, timed out, rejected or failed); a hedged request takes one
 * more slot per copy it has out ({@link #home}, {@link #twin}), given back when the copy ends; a slot's generation
 * ({@link #gen}) changes with every attempt and every release, so that events and deadlines of an attempt that moved
 * on (a stale network hop, a service end after a timeout, a deadline of a completed attempt) are recognized and
 * ignored without being cancelled.
 * <p>
 * Where a request is ({@link #where}) says which event or list holds it: on the network to a replica, in a
 * replica's FIFO queue (doubly linked through {@link #next} and {@link #prev}; head, tail and length are the
 * replica's, in {@link ReplicaTable}), in service, or nowhere (between attempts, or free).
 * <p>
 * The request path is the only part that touches requests, so {@link RequestPath} extends this table: its hot
 * methods read the arrays as fields of their own object, one load fewer per access than through a reference (about
 * 1% of the benchmark's request rate, see {@code docs/performance.md}). The arrays are replaced (not resized in place)
 * when the table grows, so a caller holding an array across {@link #allocate()} must read it again.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none, except when every slot is taken and
 * the table doubles (64 Ki at first), which is rare and logarithmic in the peak number of requests in flight.
 */
class RequestTable
{
    /** Not held by any event or list: between attempts, ended, or free. */
    static final byte NOWHERE = 0;
    /** On the network to its replica (a reach event is pending). */
    static final byte NETWORK = 1;
    /** In its replica's FIFO queue. */
    static final byte QUEUED = 2;
    /** On a worker of its replica (a service-done event is pending). */
    static final byte IN_SERVICE = 3;
    /**
     * A hedged copy whose service ended while another copy of its request was still out: its worker is free, its
     * response is on its way to the client (a response event is pending), where it races the other copies.
     */
    static final byte RESPONDING = 4;

    /** Generation: bumped per attempt and on release; an event carries the generation it was made for. */
    int[] gen;
    /** Client region it came from. */
    int[] client;
    /** Time of arrival at the front door, ns (latency is measured from it; the warm-up is decided on it). */
    long[] arrivalNs;
    /** Work in ns at speed 1, fixed at arrival (the same for every attempt). */
    long[] workNs;
    /** Attempts dispatched so far, the first included. */
    int[] attempts;
    /** Replica of the current attempt. */
    int[] replica;
    /** One of {@link #NOWHERE}, {@link #NETWORK}, {@link #QUEUED}, {@link #IN_SERVICE}, {@link #RESPONDING}. */
    byte[] where;
    /** Next in the replica's queue, or {@link Simulation#NONE}. */
    int[] next;
    /** Previous in the replica's queue, or {@link Simulation#NONE}. */
    int[] prev;
    /** Order in which requests started service, to lose a replica's requests in that order. */
    long[] startSeq;
    /** Engine handle of the pending service-done event, while in service. */
    long[] serviceHandle;
    /** The request's id: its arrival ordinal in the run, what failover policies see (written only if one listens). */
    long[] id;
    /** When its current attempt was dispatched (the balancer's call), ns; written only if a policy listens. */
    long[] sentNs;


    // Hedging (two or more copies of one request in flight at once). Each copy is a slot of its own, so the queue
    // links, the generation, the replica and the service handle above are per copy, and every handler works on a
    // copy as on a request. The request itself lives in its first slot, its home, which stays taken until the
    // request ends; the columns below are written only in a run whose failover policy hedges, so a run without
    // hedging never touches them.

    /** The slot of the request this slot is a copy of (its home); a home is its own. */
    int[] home;
    /** Next slot in the circular list of a request's slots (its home and its hedge copies); itself when alone. */
    int[] twin;
    /** At a home: copies of the request out (not {@link #NOWHERE}), its own attempt included. */
    int[] copies;
    /** At a home: hedge copies of the request sent so far. */
    int[] hedges;
    /** Per slot: the number of its attempt, from 1, in the order the request's attempts and copies were sent. */
    int[] attemptNo;
    /** At a home: engine handle of the pending hedge timer, or {@link Simulation#NO_HANDLE}. */
    long[] hedgeHandle;
    /** Per slot: when its service started, ns. */
    long[] serviceStartNs;
    /** Per slot in {@link #RESPONDING}: how long its service took, ns (worker time, what a losing copy cost). */
    long[] workedNs;

    private int[] free;
    private int freeCount;

    /**
     * @param capacity initial number of slots (grows by doubling).
     */
    RequestTable(final int capacity)
    {
        grow(capacity);
    }

    /**
     * @return a free slot; its fields hold whatever its last request left (the caller sets them).
     */
    int allocate()
    {
        if (freeCount == 0)
        {
            grow(gen.length * 2);
        }
        return free[--freeCount];
    }

    /**
     * Give a slot back: it is nowhere and its generation moves on, so that its pending events and deadlines are
     * stale.
     *
     * @param request the slot of a request that ended.
     */
    void release(final int request)
    {
        where[request] = NOWHERE;
        gen[request]++;
        free[freeCount++] = request;
    }

    /**
     * @return slots in the table, free or not (the bound of a scan over {@link #where}).
     */
    int capacity()
    {
        return gen.length;
    }

    /**
     * @return slots taken (requests in flight).
     */
    int inUse()
    {
        return gen.length - freeCount;
    }

    private void grow(final int capacity)
    {
        final int old = gen == null ? 0 : gen.length;
        if (old == 0)
        {
            gen = new int[capacity];
            client = new int[capacity];
            arrivalNs = new long[capacity];
            workNs = new long[capacity];
            attempts = new int[capacity];
            replica = new int[capacity];
            where = new byte[capacity];
            next = new int[capacity];
            prev = new int[capacity];
            serviceHandle = new long[capacity];
            startSeq = new long[capacity];
            id = new long[capacity];
            sentNs = new long[capacity];
            home = new int[capacity];
            twin = new int[capacity];
            copies = new int[capacity];
            hedges = new int[capacity];
            attemptNo = new int[capacity];
            hedgeHandle = new long[capacity];
            serviceStartNs = new long[capacity];
            workedNs = new long[capacity];
            free = new int[capacity];
        }
        else
        {
            gen = Arrays.copyOf(gen, capacity);
            client = Arrays.copyOf(client, capacity);
            arrivalNs = Arrays.copyOf(arrivalNs, capacity);
            workNs = Arrays.copyOf(workNs, capacity);
            attempts = Arrays.copyOf(attempts, capacity);
            replica = Arrays.copyOf(replica, capacity);
            where = Arrays.copyOf(where, capacity);
            next = Arrays.copyOf(next, capacity);
            prev = Arrays.copyOf(prev, capacity);
            serviceHandle = Arrays.copyOf(serviceHandle, capacity);
            startSeq = Arrays.copyOf(startSeq, capacity);
            id = Arrays.copyOf(id, capacity);
            sentNs = Arrays.copyOf(sentNs, capacity);
            home = Arrays.copyOf(home, capacity);
            twin = Arrays.copyOf(twin, capacity);
            copies = Arrays.copyOf(copies, capacity);
            hedges = Arrays.copyOf(hedges, capacity);
            attemptNo = Arrays.copyOf(attemptNo, capacity);
            hedgeHandle = Arrays.copyOf(hedgeHandle, capacity);
            serviceStartNs = Arrays.copyOf(serviceStartNs, capacity);
            workedNs = Arrays.copyOf(workedNs, capacity);
            free = Arrays.copyOf(free, capacity);
        }
        for (int i = capacity - 1; i >= old; i--)
        {
            free[freeCount++] = i;
        }
    }
}

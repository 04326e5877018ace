package io.windtunnel.traces;

/**
 * What a load-rate importer does with a missing interval (a gap longer than the step between two rows of a key).
 */
public enum GapPolicy
{
    /** Report each gap as a problem. The default: a silently filled gap is a silently wrong number. */
    ERROR,
    /** Insert rows of zero requests for the missing intervals. */
    ZERO_FILL
}

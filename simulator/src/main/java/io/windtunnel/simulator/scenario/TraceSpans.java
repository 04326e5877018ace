package io.windtunnel.simulator.scenario;

import io.windtunnel.traces.TraceSpan;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of the span rule: messages for a trace that does not cover the run's window, and the durations in
 * them. Spans and windows are in simulated ns here (0 = the scenario's start), printed as ISO times.
 * <p>
 * <b>Threading:</b> stateless.
 */
final class TraceSpans
{
    private TraceSpans()
    {
    }

    /**
     * @param kind         what the trace holds, as the sentence names it ("load trace", "price trace", ...).
     * @param file         the trace file as the scenario names it.
     * @param key          which key of the trace ("for client region 'us-east'"), or "" for the whole trace.
     * @param declared     whether the span is declared or derived.
     * @param spanStartNs  span start, simulated ns.
     * @param spanEndNs    span end, simulated ns.
     * @param startEpochNs the scenario's start, epoch ns.
     * @param durationNs   the run's duration.
     * @param where        where {@code beyond} goes ("under 'load'", "on this price source").
     * @param choices      the {@code beyond} values that apply, with their meanings ("zero (no requests) or ...").
     * @return the message for {@link Beyond#ERROR}.
     */
    static String notCovered(final String kind, final String file, final String key, final boolean declared,
        final long spanStartNs, final long spanEndNs, final long startEpochNs, final long durationNs,
        final String where, final String choices)
    {
        return kind + " " + file + key + " covers " + span(spanStartNs, spanEndNs, startEpochNs) + " (" +
            (declared ? "its declared span" : "derived from its rows") + "), but the run's window is " +
            span(0, durationNs, startEpochNs) + ": " + outside(spanStartNs, spanEndNs, durationNs) + ", where the " +
            "trace says nothing. Say what the run reads there with 'beyond' " + where + ": " + choices + "; " +
            (declared ? "" : "or declare the trace's span with a '# span: START/END' line before its header if it " +
            "covers more than its rows show; ") + "or change the run's 'start' or 'duration'";
    }

    /**
     * @return how the window leaves the span, e.g. "the window runs 1d past the trace's end".
     */
    static String outside(final long spanStartNs, final long spanEndNs, final long durationNs)
    {
        final List<String> parts = new ArrayList<>();
        if (spanStartNs > 0)
        {
            parts.add("the window starts " + duration(Math.min(spanStartNs, durationNs)) + " before the trace" +
                (spanStartNs >= durationNs ? " (it starts at or after the window's end)" : ""));
        }
        if (spanEndNs < durationNs)
        {
            parts.add("the window runs " + duration(Math.min(durationNs - spanEndNs, durationNs)) +
                " past the trace's end" + (spanEndNs <= 0 ? " (it ends at or before the window's start)" : ""));
        }
        return String.join(" and ", parts);
    }

    /**
     * @param startNs      simulated ns.
     * @param endNs        simulated ns.
     * @param startEpochNs the scenario's start, epoch ns.
     * @return {@code START/END} in ISO-8601 UTC.
     */
    static String span(final long startNs, final long endNs, final long startEpochNs)
    {
        return TraceSpan.format(startEpochNs + startNs, startEpochNs + endNs);
    }

    /**
     * @param ns a positive duration.
     * @return it in days, hours, minutes and seconds, e.g. {@code 1d 2h 30m} or {@code 2.5s}.
     */
    static String duration(final long ns)
    {
        final long[] units = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L};
        final String[] names = {"d", "h", "m"};
        final StringBuilder text = new StringBuilder();
        long rest = ns;
        for (int i = 0; i < units.length; i++)
        {
            if (rest >= units[i])
            {
                text.append(text.length() > 0 ? " " : "").append(rest / units[i]).append(names[i]);
                rest %= units[i];
            }
        }
        if (rest > 0 || text.length() == 0)
        {
            text.append(text.length() > 0 ? " " : "")
                .append(java.math.BigDecimal.valueOf(rest, 9).stripTrailingZeros().toPlainString()).append('s');
        }
        return text.toString();
    }
}

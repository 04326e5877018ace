package io.windtunnel.traces.binary;

import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceRules;
import io.windtunnel.traces.TraceSeriesRules;
import io.windtunnel.traces.TraceSpan;
import io.windtunnel.traces.TraceTable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The binary trace format ({@link BinaryTraceFormat}) as a {@link TraceReader}, registered as {@code binary} and
 * recognized by its magic bytes, so {@code trace validate}, {@code trace convert} and the simulator read it like
 * any other format. Reading materializes a {@link TraceTable}; to stream a long trace, use
 * {@link BinaryTraceFile#replay} instead.
 * <p>
 * A binary file says its own kind, so the registered instance accepts every kind and its {@link #kind()} is
 * {@code null}. {@link #BinaryTraceReader(TraceKind)} gives a reader that accepts one kind only and rejects
 * others with a format error, for callers that need, say, a price trace.
 * <p>
 * The file is already normalized: zone and sorting ({@link ImportOptions}) do not apply and are ignored. Beyond
 * what {@link BinaryTraceFile} checks (checksums, sizes, order, key ids), the rows are held to the rules the CSV
 * readers hold theirs to, by the same code:
 * <ul>
 *   <li>each row to the rules of its kind ({@link TraceRules}: no NaN, negative or infinite price, count or rate, a
 *       known fault kind code, the required key fields, a step only in a load-rate trace);</li>
 *   <li>the rows together to {@link TraceSeriesRules}: no two rows of one key (and fault kind) at one time, every
 *       row in the declared span, a load-rate series on its step's grid, a gap reported or, with
 *       {@link GapPolicy#ZERO_FILL} ({@code --gaps zero-fill}), filled with rows of 0 requests;</li>
 *   <li>a step given in the options ({@code --step}) must be the file's, as it must be a CSV's {@code # step:}.</li>
 * </ul>
 * Every problem (up to the options' problem limit) is reported at {@code file at row N} with the column or key
 * field, a duplicate naming the earlier row. {@link BinaryTraceFile#readTable} stays a plain reader of the stored
 * bits.
 * <p>
 * <b>Threading:</b> stateless; one instance may be shared.
 */
public final class BinaryTraceReader implements TraceReader
{
    /** The format's name on the command line. */
    public static final String FORMAT_NAME = "binary";

    private final TraceKind kind;

    /**
     * A reader of binary traces of any kind (the one registered with {@link io.windtunnel.traces.TraceFormats}).
     */
    public BinaryTraceReader()
    {
        this(null);
    }

    /**
     * @param kind the only kind to accept, or null for any.
     */
    public BinaryTraceReader(final TraceKind kind)
    {
        this.kind = kind;
    }

    @Override
    public String formatName()
    {
        return FORMAT_NAME;
    }

    /**
     * @return the kind this reader is restricted to, or null when it reads any kind (the file declares it).
     */
    @Override
    public TraceKind kind()
    {
        return kind;
    }

    @Override
    public TraceTable read(final Path file, final ImportOptions options) throws TraceFormatException, IOException
    {
        try (BinaryTraceFile binary = BinaryTraceFile.openLeavingSpanToCaller(file))
        {
            if (kind != null && binary.kind() != kind)
            {
                throw binary.problem("kind", "holds a " + binary.kind().label() + " trace, expected a " +
                    kind.label() + " trace");
            }
            // Without the span if rows lie outside it: TraceSeriesRules then reports them by row.
            final TraceTable table = binary.toTable();
            // Checksums prove the bytes are as written, not that the rows make sense: a NaN price, an unknown fault
            // kind, two prices of one key at one time or an off-grid load rate pass them, so the rows are held to
            // the rules the CSV readers apply.
            final ProblemCollector problems = new ProblemCollector(file.toString(), options.problemLimit());
            TraceRules.checkRows(table, problems);
            if (table.kind() == TraceKind.LOAD_RATE && options.stepNs() > 0 && options.stepNs() != table.stepNs())
            {
                problems.atLine(0, "stepNs", "the file's step is " + TraceDurations.format(table.stepNs()) +
                    " but the step given (--step) is " + TraceDurations.format(options.stepNs()) + "; they must agree");
            }
            final TraceSpan span = binary.spanDeclared() ? new TraceSpan(binary.spanStartNs(), binary.spanEndNs()) :
                null;
            final TraceTable checked = TraceSeriesRules.check(table, span, options.gapPolicy(), problems);
            problems.throwIfAny();
            return checked;
        }
    }

    /**
     * @return the kind the file's header declares (checked with the rest of header and footer), whatever kind this
     * reader is restricted to.
     */
    @Override
    public TraceKind kindOf(final Path file) throws TraceFormatException, IOException
    {
        // Rows outside the span are read()'s to report, by row, like every other rule of the rows.
        try (BinaryTraceFile binary = BinaryTraceFile.openLeavingSpanToCaller(file))
        {
            return binary.kind();
        }
    }

    @Override
    public boolean recognizes(final String fileName, final String head)
    {
        return BinaryTraceFormat.hasMagic(head);
    }

    @Override
    public String description()
    {
        return "Windtunnel binary trace (.wtb, any kind): columnar, checksummed, memory-mapped replay";
    }
}

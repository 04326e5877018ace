package io.windtunnel.traces.ingest.internal;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.ImportSummary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the saved pages of a paginated price API response (or of several responses) into one price table: one
 * {@link ProblemCollector} per page, duplicate (key, time) rows found across pages, and the problems of every page
 * in one {@link TraceFormatException}. Stateless.
 */
public final class PricePages
{
    /**
     * Reads one page into the series and summary shared by all pages.
     */
    @FunctionalInterface
    public interface PageReader
    {
        /**
         * @param page the page and what it adds to.
         * @throws IOException if the file cannot be read.
         */
        void read(Page page) throws IOException;
    }

    /**
     * One page being read.
     *
     * @param file     the page's file.
     * @param source   its index in the list of pages, for {@link PriceSeries#add}.
     * @param problems where its problems go.
     * @param series   the rows of all pages.
     * @param summary  the summary of all pages.
     */
    public record Page(
        Path file, int source, ProblemCollector problems, PriceSeries series, ImportSummary.Builder summary)
    {
    }

    private PricePages()
    {
    }

    /**
     * @param head the start of a file.
     * @return true if it starts a JSON object (after whitespace and an optional byte-order mark), as a saved page does.
     */
    public static boolean startsJsonObject(final String head)
    {
        final String trimmed = head.strip();
        return trimmed.startsWith("{") || trimmed.startsWith("\uFEFF{");
    }

    /**
     * @param pages         the page files, in any order; at least one.
     * @param options       what the files do not say; its problem limit applies per page and to the whole.
     * @param pointerPrefix JSON pointer of the array holding the records, see {@link PriceSeries#PriceSeries}.
     * @param reader        reads one page.
     * @return one time-sorted table of all pages and the summary; its source is the file, or
     * {@code N pages from FIRST}.
     * @throws TraceFormatException with the problems of every page, including duplicates across pages.
     * @throws IOException          if a file cannot be read.
     */
    public static ImportResult read(
        final List<Path> pages, final ImportOptions options, final String pointerPrefix, final PageReader reader)
        throws TraceFormatException, IOException
    {
        if (pages.isEmpty())
        {
            throw new IllegalArgumentException("no pages to read");
        }
        final List<ProblemCollector> problems = new ArrayList<>();
        final PriceSeries series = new PriceSeries(pointerPrefix);
        final ImportSummary.Builder summary = new ImportSummary.Builder();
        for (int source = 0; source < pages.size(); source++)
        {
            final ProblemCollector collector =
                new ProblemCollector(pages.get(source).toString(), options.problemLimit());
            problems.add(collector);
            reader.read(new Page(pages.get(source), source, collector, series, summary));
        }
        series.reportDuplicates(problems);
        Problems.throwIfAny(problems, options.problemLimit());
        final TraceTable table = series.build(0, false, summary);
        final String source = pages.size() == 1 ? pages.get(0).toString() :
            pages.size() + " pages from " + pages.get(0);
        return new ImportResult(table, summary.build(source, table.rowCount()));
    }
}

package io.windtunnel.traces.csv;

import io.windtunnel.traces.ProblemCollector;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records of a generic trace CSV file, each with the 1-based line on which it starts, read with Apache Commons
 * CSV (RFC 4180 quoting, {@code #} comment lines, blank lines skipped, spaces around unquoted values ignored).
 * <p>
 * Line numbers: Commons CSV reports the line a record ends on; a record starts that many lines earlier as its
 * quoted values contain line breaks. A newline is appended to the input so that the last record ends on a line
 * break too, which makes that count exact for a file without a final newline.
 * <p>
 * The file must be UTF-8 (a byte order mark is skipped). Bytes that are not UTF-8 and malformed quoting end the
 * stream with one problem naming the line; Commons CSV cannot resume after either.
 * <p>
 * <b>Threading:</b> not thread-safe; one stream per read. <b>Allocation:</b> one record object per row.
 */
final class CsvRecordStream implements Closeable
{
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
        .setCommentMarker('#')
        .setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true)
        .get();
    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("line:?\\s*(\\d+)");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final ProblemCollector problems;
    private final List<CsvComment> leadingComments;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private CSVRecord current;
    private long line;
    private boolean failed;

    private CsvRecordStream(
        final Path file, final ProblemCollector problems, final List<CsvComment> leadingComments, final Reader reader)
        throws IOException
    {
        this.file = file;
        this.problems = problems;
        this.leadingComments = leadingComments;
        this.parser = FORMAT.parse(reader);
        this.records = parser.iterator();
    }

    /**
     * @param file     a CSV file.
     * @param problems where malformed text is reported.
     * @return a stream positioned before the first record.
     * @throws IOException if the file cannot be opened (e.g. {@link java.nio.file.NoSuchFileException}).
     */
    static CsvRecordStream open(final Path file, final ProblemCollector problems) throws IOException
    {
        final List<CsvComment> comments = readLeadingComments(file);
        final InputStream bytes = new SequenceInputStream(
            Files.newInputStream(file), new ByteArrayInputStream(new byte[] {'\n'}));
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        final PushbackReader reader = new PushbackReader(
            new BufferedReader(new InputStreamReader(bytes, decoder), 65536), 1);
        try
        {
            final int first = reader.read();
            if (first >= 0 && first != BYTE_ORDER_MARK)
            {
                reader.unread(first);
            }
            return new CsvRecordStream(file, problems, comments, reader);
        }
        catch (final CharacterCodingException e)
        {
            reader.close();
            final CsvRecordStream empty = new CsvRecordStream(
                file, problems, comments, new StringReader(""));
            empty.reportNotUtf8();
            return empty;
        }
        catch (final IOException | RuntimeException e)
        {
            reader.close();
            throw e;
        }
    }

    /**
     * Comment lines before the first record, with their line numbers: where a file declares things about itself
     * (the load-rate step). Read in a separate pass because Commons CSV hands comments over without lines.
     */
    private static List<CsvComment> readLeadingComments(final Path file) throws IOException
    {
        final List<CsvComment> comments = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)))
        {
            long number = 0;
            String text;
            while ((text = in.readLine()) != null)
            {
                number++;
                if (number == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK)
                {
                    text = text.substring(1);
                }
                if (text.startsWith("#"))
                {
                    comments.add(new CsvComment(number, text.substring(1).trim()));
                }
                else if (!text.isBlank())
                {
                    break;
                }
            }
        }
        return comments;
    }

    /**
     * @return comment lines before the first record (the header), in file order.
     */
    List<CsvComment> leadingComments()
    {
        return leadingComments;
    }

    /**
     * Move to the next non-blank record.
     *
     * @return true if there is one; false at the end, or after malformed text was reported.
     * @throws IOException if reading the file fails for a reason other than its content.
     */
    boolean next() throws IOException
    {
        while (!failed)
        {
            final CSVRecord record;
            try
            {
                if (!records.hasNext())
                {
                    current = null;
                    return false;
                }
                record = records.next();
            }
            catch (final UncheckedIOException e)
            {
                handleReadFailure(e.getCause());
                return false;
            }
            catch (final IllegalStateException e)
            {
                if (e.getCause() instanceof IOException)
                {
                    handleReadFailure((IOException)e.getCause());
                    return false;
                }
                throw e;
            }
            if (record.size() == 1 && record.get(0).isEmpty())
            {
                continue;
            }
            current = record;
            line = parser.getCurrentLineNumber() - embeddedLineBreaks(record);
            return true;
        }
        return false;
    }

    private void handleReadFailure(final IOException cause) throws IOException
    {
        failed = true;
        current = null;
        if (cause instanceof CharacterCodingException)
        {
            reportNotUtf8();
        }
        else if (cause instanceof CSVException)
        {
            final String message = cause.getMessage() == null ? "" : cause.getMessage();
            final Matcher matcher = LINE_IN_MESSAGE.matcher(message);
            final long at = matcher.find() ? Long.parseLong(matcher.group(1)) : parser.getCurrentLineNumber() + 1;
            problems.atLine(at, null, "malformed CSV: " + lowerFirst(message) +
                " (a quoted value must end with a quote followed by a comma or the end of the line; " +
                "write a quote inside a quoted value as two quotes); reading stopped here");
        }
        else
        {
            throw cause;
        }
    }

    private void reportNotUtf8() throws IOException
    {
        failed = true;
        final long[] where = firstMalformedUtf8(file);
        problems.atLine(where[0], null, String.format(Locale.ROOT,
            "the file is not UTF-8 text (byte 0x%02X cannot start or continue a UTF-8 character); " +
                "save it as UTF-8; reading stopped here", where[1]));
    }

    /**
     * @return {line of the first byte that is not valid UTF-8, that byte}, or {0, 0} if none is found.
     */
    private static long[] firstMalformedUtf8(final Path file) throws IOException
    {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.allocate(65536);
        final CharBuffer out = CharBuffer.allocate(65536);
        long lineBreaks = 0;
        int previous = -1;
        try (InputStream stream = Files.newInputStream(file))
        {
            boolean end = false;
            while (!end)
            {
                final int read = stream.read(in.array(), in.position(), in.remaining());
                end = read < 0;
                if (!end)
                {
                    in.position(in.position() + read);
                }
                in.flip();
                final int start = in.position();
                CoderResult result;
                do
                {
                    out.clear();
                    result = decoder.decode(in, out, end);
                }
                while (result.isOverflow());
                final int stop = result.isError() ? in.position() : in.limit();
                for (int i = start; i < stop; i++)
                {
                    final int b = in.get(i);
                    if (b == '\r' || (b == '\n' && previous != '\r'))
                    {
                        lineBreaks++;
                    }
                    previous = b;
                }
                if (result.isError())
                {
                    return new long[] {lineBreaks + 1, in.get(in.position()) & 0xFF};
                }
                in.compact();
            }
        }
        return new long[] {0, 0};
    }

    private static long embeddedLineBreaks(final CSVRecord record)
    {
        long breaks = 0;
        for (int i = 0; i < record.size(); i++)
        {
            final String value = record.get(i);
            for (int c = 0; c < value.length(); c++)
            {
                final char ch = value.charAt(c);
                if (ch == '\n' || (ch == '\r' && (c + 1 == value.length() || value.charAt(c + 1) != '\n')))
                {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    private static String lowerFirst(final String text)
    {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * @return true if reading stopped at malformed text (already reported).
     */
    boolean failed()
    {
        return failed;
    }

    /**
     * @return 1-based line on which the current record starts.
     */
    long line()
    {
        return line;
    }

    /**
     * @return number of values in the current record.
     */
    int size()
    {
        return current.size();
    }

    /**
     * @param index 0-based column.
     * @return the value, without surrounding spaces outside quotes.
     */
    String get(final int index)
    {
        return current.get(index);
    }

    @Override
    public void close() throws IOException
    {
        parser.close();
    }

    /**
     * A {@code #} comment line.
     *
     * @param line 1-based line number.
     * @param text the text after {@code #}, trimmed.
     */
    record CsvComment(long line, String text)
    {
    }
}

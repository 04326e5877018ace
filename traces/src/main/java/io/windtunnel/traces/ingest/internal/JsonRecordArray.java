package io.windtunnel.traces.ingest.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.ingest.ImportSummary;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The layout of a provider API response whose records are the elements of one array member of the root object,
 * such as {@code {"SpotPriceHistory": [{...}, ...], "NextToken": "..."}} or {@code {"Items": [{...}, ...], ...}}:
 * other members are skipped; every element is counted as a record read and, if it is an object, handed to a
 * {@link RecordHandler} as a {@link JsonRecord}. Reports an empty file, a root that is not an object, the member
 * missing, appearing twice or not an array, and elements that are not objects.
 * <p>
 * <b>Threading:</b> immutable, may be shared. <b>Allocation:</b> import time only; streams the JSON.
 */
public final class JsonRecordArray
{
    /**
     * Takes the records of the array.
     */
    @FunctionalInterface
    public interface RecordHandler
    {
        /**
         * @param record the element's members.
         * @param index  its 0-based index in the array.
         */
        void onRecord(JsonRecord record, int index);
    }

    private final String member;
    private final String element;
    private final String response;
    private final String notResponse;

    /**
     * @param member      name of the root member holding the array, e.g. {@code Items}.
     * @param element     what one element is, e.g. {@code price item}: messages say {@code an array of price items}
     *                    and {@code a price item object}.
     * @param response    what the file should be, e.g. {@code an Azure Retail Prices API response page}: an empty
     *                    file is reported as {@code file is empty; expected } and this.
     * @param notResponse what a root without the member is not, e.g. {@code an Azure Retail Prices API page}: it is
     *                    reported as {@code missing: not } and this.
     */
    public JsonRecordArray(final String member, final String element, final String response, final String notResponse)
    {
        this.member = member;
        this.element = element;
        this.response = response;
        this.notResponse = notResponse;
    }

    /**
     * @return JSON pointer of the array, e.g. {@code /Items}.
     */
    public String pointer()
    {
        return "/" + member;
    }

    /**
     * Read a file, reporting malformed JSON as a problem (see {@link JsonInput#read}).
     *
     * @param file     the file.
     * @param problems where problems are reported.
     * @param summary  counts one record per element.
     * @param handler  takes the elements that are objects.
     * @throws IOException if the file cannot be read.
     */
    public void read(
        final Path file, final ProblemCollector problems, final ImportSummary.Builder summary,
        final RecordHandler handler) throws IOException
    {
        JsonInput.read(file, problems, parser -> readDocument(parser, problems, summary, handler));
    }

    private void readDocument(
        final JsonParser parser, final ProblemCollector problems, final ImportSummary.Builder summary,
        final RecordHandler handler) throws IOException
    {
        final JsonToken first = parser.nextToken();
        if (first == null)
        {
            problems.atLine(0, null, "file is empty; expected " + response);
            return;
        }
        if (first != JsonToken.START_OBJECT)
        {
            problems.atPath(JsonInput.line(parser), null, null,
                "expected a JSON object {\"" + member + "\": [...]}, found " + JsonInput.describe(first));
            return;
        }
        boolean found = false;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (!member.equals(name))
            {
                parser.skipChildren();
                continue;
            }
            if (found)
            {
                problems.atPath(JsonInput.line(parser), pointer(), member, "appears twice");
                parser.skipChildren();
                continue;
            }
            found = true;
            if (value != JsonToken.START_ARRAY)
            {
                problems.atPath(JsonInput.line(parser), pointer(), member,
                    "expected an array of " + element + "s, found " + JsonInput.describe(value));
                parser.skipChildren();
                continue;
            }
            readElements(parser, problems, summary, handler);
        }
        JsonInput.expectEndOfObject(parser, token);
        if (!found)
        {
            problems.atPath(JsonInput.line(parser), null, member, "missing: not " + notResponse);
        }
        JsonInput.expectEnd(parser, problems);
    }

    private void readElements(
        final JsonParser parser, final ProblemCollector problems, final ImportSummary.Builder summary,
        final RecordHandler handler) throws IOException
    {
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY)
        {
            if (token == null)
            {
                throw new JsonParseException(parser, "unexpected end of input in the " + member + " array");
            }
            final String pointer = pointer() + "/" + index;
            summary.record();
            if (token != JsonToken.START_OBJECT)
            {
                problems.atPath(JsonInput.line(parser), pointer, null, "expected a " + element + " object, found " +
                    JsonInput.describe(token));
                parser.skipChildren();
            }
            else
            {
                handler.onRecord(JsonRecord.read(parser, pointer, problems), index);
            }
            index++;
        }
    }
}

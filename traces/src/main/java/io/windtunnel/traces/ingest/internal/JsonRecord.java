package io.windtunnel.traces.ingest.internal;

import com.fasterxml.jackson.core.JsonParser;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.ingest.internal.JsonInput.JsonScalar;

import java.io.IOException;
import java.util.Map;

/**
 * One JSON object read into its members ({@link JsonInput#readMembers}) together with where it stands, so that a
 * problem with a member is reported at the member's line and pointer ({@code /Items/7/retailPrice}), or at the
 * object's line and pointer when the member is absent.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> import time only.
 */
public final class JsonRecord
{
    private final Map<String, JsonScalar> members;
    private final String pointer;
    private final long line;
    private final ProblemCollector problems;

    private JsonRecord(
        final Map<String, JsonScalar> members, final String pointer, final long line, final ProblemCollector problems)
    {
        this.members = members;
        this.pointer = pointer;
        this.line = line;
        this.problems = problems;
    }

    /**
     * Read the object the parser stands at.
     *
     * @param parser   a parser at the object's {@link com.fasterxml.jackson.core.JsonToken#START_OBJECT}; left at
     *                 its end.
     * @param pointer  JSON pointer of the object.
     * @param problems where members appearing twice, and later the record's problems, are reported.
     * @return the record.
     * @throws IOException if the JSON is malformed or cannot be read.
     */
    public static JsonRecord read(final JsonParser parser, final String pointer, final ProblemCollector problems)
        throws IOException
    {
        final long line = JsonInput.line(parser);
        return new JsonRecord(JsonInput.readMembers(parser, pointer, problems), pointer, line, problems);
    }

    /**
     * @param field a member name.
     * @return its value, or null if absent.
     */
    public JsonScalar get(final String field)
    {
        return members.get(field);
    }

    /**
     * @return JSON pointer of the object.
     */
    public String pointer()
    {
        return pointer;
    }

    /**
     * @return 1-based line the object starts on, or 0 if unknown.
     */
    public long line()
    {
        return line;
    }

    /**
     * Report a problem with a member: at the member's line and pointer, or at the object's if it is absent.
     *
     * @param field   the member at fault.
     * @param message what is wrong.
     */
    public void report(final String field, final String message)
    {
        final JsonScalar value = members.get(field);
        if (value == null)
        {
            problems.atPath(line, pointer, field, message);
        }
        else
        {
            problems.atPath(value.line(), pointer + JsonInput.pointer(field), field, message);
        }
    }
}

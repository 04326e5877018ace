package io.windtunnel.traces.ingest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.windtunnel.traces.ProblemCollector;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming JSON input for importers: one shared Jackson {@link JsonFactory}, JSON pointers for problem reports,
 * and the test that tells malformed content (reported as a problem) from a failing disk (an {@link IOException}
 * passed on).
 * <p>
 * Importers walk the document with a {@link JsonParser} rather than binding it to objects, so that memory stays
 * flat on large responses and every problem names the line and the pointer of the offending value
 * (e.g. {@code /SpotPriceHistory/3/SpotPrice}). Thread-safe (the factory is); parsers are per read.
 */
public final class JsonInput
{
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonInput()
    {
    }

    /**
     * @param in the bytes of a JSON document; the parser closes it.
     * @return a parser over it, encoding detected from the first bytes (UTF-8, UTF-16 or UTF-32).
     * @throws IOException if the encoding cannot be detected (a format error, see {@link #isFormatError}).
     */
    public static JsonParser parser(final InputStream in) throws IOException
    {
        return FACTORY.createParser(in);
    }

    /**
     * Reads one JSON document from a parser; see {@link #read(Path, ProblemCollector, DocumentReader)}.
     */
    @FunctionalInterface
    public interface DocumentReader
    {
        /**
         * @param parser a parser before the document's first token.
         * @throws IOException if the JSON is malformed or cannot be read.
         */
        void read(JsonParser parser) throws IOException;
    }

    /**
     * Open a JSON file and read its document. Malformed content (see {@link #isFormatError}) ends reading and is
     * reported as a problem at its line and pointer ({@code malformed JSON: ...}); what was read before it stays.
     *
     * @param file     the file.
     * @param problems where malformed JSON is reported.
     * @param reader   reads the document.
     * @throws IOException if the file cannot be opened or read.
     */
    public static void read(final Path file, final ProblemCollector problems, final DocumentReader reader)
        throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            JsonParser parser = null;
            try
            {
                parser = parser(in);
                reader.read(parser);
            }
            catch (final IOException e)
            {
                if (!isFormatError(e))
                {
                    throw e;
                }
                problems.atPath(line(e), parser == null ? null : pointerAt(parser), null,
                    "malformed JSON: " + message(e));
            }
            finally
            {
                if (parser != null)
                {
                    parser.close();
                }
            }
        }
    }

    /**
     * @param e an exception thrown while parsing.
     * @return true if it says the content is not well-formed JSON (or not decodable text), rather than that the
     * file could not be read.
     */
    public static boolean isFormatError(final IOException e)
    {
        return e instanceof JsonProcessingException || e instanceof CharConversionException;
    }

    /**
     * @param e a format error (see {@link #isFormatError}).
     * @return its message without Jackson's source description, cut to one line.
     */
    public static String message(final IOException e)
    {
        String text = e instanceof JsonProcessingException ? ((JsonProcessingException)e).getOriginalMessage() :
            e.getMessage();
        if (text == null)
        {
            text = e.getClass().getSimpleName();
        }
        final int newline = text.indexOf('\n');
        return newline >= 0 ? text.substring(0, newline) : text;
    }

    /**
     * @param e a format error.
     * @return the 1-based line Jackson reports for it, or 0 if unknown.
     */
    public static long line(final IOException e)
    {
        if (e instanceof JsonProcessingException)
        {
            final JsonLocation location = ((JsonProcessingException)e).getLocation();
            if (location != null)
            {
                return Math.max(0, location.getLineNr());
            }
        }
        return 0;
    }

    /**
     * @param parser a parser.
     * @return 1-based line of its current token, or 0 if unknown.
     */
    public static long line(final JsonParser parser)
    {
        return Math.max(0, parser.currentTokenLocation().getLineNr());
    }

    /**
     * @param parser a parser, possibly failed.
     * @return JSON pointer of where the parser stands, or null at the document's root.
     */
    public static String pointerAt(final JsonParser parser)
    {
        final String pointer = parser.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? null : pointer;
    }

    /**
     * @param tokens reference tokens (object member names or array indexes), unescaped.
     * @return the JSON pointer (RFC 6901) {@code /t1/t2/...}.
     */
    public static String pointer(final Object... tokens)
    {
        final StringBuilder out = new StringBuilder();
        for (final Object token : tokens)
        {
            out.append('/').append(String.valueOf(token).replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    /**
     * @param token a value token.
     * @return what it is, for messages: {@code a string}, {@code a number}, {@code an object}, ...
     */
    public static String describe(final JsonToken token)
    {
        if (token == null)
        {
            return "nothing";
        }
        switch (token)
        {
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            default:
                return token.asString() == null ? token.name() : "'" + token.asString() + "'";
        }
    }

    /**
     * Read the object the parser stands at ({@link JsonToken#START_OBJECT}) into its members, keeping scalar text;
     * nested objects and arrays are skipped and recorded by their token only. A member that appears twice is
     * reported and the first value kept. Leaves the parser at the object's {@link JsonToken#END_OBJECT}.
     *
     * @param parser   a parser at the start of an object.
     * @param pointer  JSON pointer of the object, for reports.
     * @param problems where to report duplicate members.
     * @return member name to value, in document order.
     * @throws IOException if the JSON is malformed or cannot be read.
     */
    public static Map<String, JsonScalar> readMembers(
        final JsonParser parser, final String pointer, final ProblemCollector problems) throws IOException
    {
        final Map<String, JsonScalar> members = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            final long line = line(parser);
            final JsonScalar scalar;
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)
            {
                parser.skipChildren();
                scalar = new JsonScalar(null, value, line);
            }
            else
            {
                scalar = new JsonScalar(value == JsonToken.VALUE_NULL ? null : parser.getText(), value, line);
            }
            if (members.containsKey(name))
            {
                problems.atPath(line, pointer + pointer(name), name, "appears twice in one object");
            }
            else
            {
                members.put(name, scalar);
            }
        }
        expectEndOfObject(parser, token);
        return members;
    }

    /**
     * After the members of an object: anything but its end is malformed.
     *
     * @param parser a parser inside an object.
     * @param token  the token that ended the loop over its members.
     * @throws JsonParseException unless the token is {@link JsonToken#END_OBJECT} (a format error, see
     *                            {@link #isFormatError}).
     */
    public static void expectEndOfObject(final JsonParser parser, final JsonToken token) throws JsonParseException
    {
        if (token != JsonToken.END_OBJECT)
        {
            throw new JsonParseException(parser, "expected a member name or '}', found " + describe(token));
        }
    }

    /**
     * After the root value: report anything but the end of input.
     *
     * @param parser   a parser just past the root value.
     * @param problems where to report.
     * @throws IOException if the JSON after the root is malformed or cannot be read.
     */
    public static void expectEnd(final JsonParser parser, final ProblemCollector problems) throws IOException
    {
        final JsonToken after = parser.nextToken();
        if (after != null)
        {
            problems.atPath(line(parser), null, null, "unexpected " + describe(after) +
                " after the end of the JSON document");
        }
    }

    /**
     * A member's value as read: the text of a scalar, or only the token of an object or array.
     *
     * @param text  the scalar's text (a number as written), or null for null, objects and arrays.
     * @param token the value's token.
     * @param line  1-based line of the value, or 0 if unknown.
     */
    public record JsonScalar(String text, JsonToken token, long line)
    {
        /**
         * @return true for a string.
         */
        public boolean isString()
        {
            return token == JsonToken.VALUE_STRING;
        }

        /**
         * @return true for a number.
         */
        public boolean isNumber()
        {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }

        /**
         * @return true for a string or number (the forms a price may take).
         */
        public boolean isStringOrNumber()
        {
            return isString() || isNumber();
        }
    }
}

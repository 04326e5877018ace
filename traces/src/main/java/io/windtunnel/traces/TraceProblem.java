package io.windtunnel.traces;

/**
 * One thing wrong with a trace file, located precisely enough for a user to fix it.
 *
 * @param file     the file, as the user named it.
 * @param line     1-based line number, or 0 when the location is a JSON path, a row or the whole file.
 * @param jsonPath where in a file without lines: a JSON pointer such as {@code /SpotPriceHistory/3/SpotPrice}, or
 *                 {@code row N} in a binary trace; null for line-based formats.
 * @param field    the column or JSON field at fault, or null when the problem is not about one field.
 * @param message  what is wrong, in plain words, with the offending text where it helps.
 */
public record TraceProblem(String file, long line, String jsonPath, String field, String message)
{
    /**
     * @return {@code file:line: field 'x': message} (or {@code file at /json/path: ...}, {@code file at row N: ...}),
     * the form every importer and {@code windtunnel trace validate} print.
     */
    public String describe()
    {
        final StringBuilder out = new StringBuilder(file);
        if (line > 0)
        {
            out.append(':').append(line);
        }
        if (jsonPath != null)
        {
            out.append(" at ").append(jsonPath);
        }
        out.append(": ");
        if (field != null)
        {
            out.append("field '").append(field).append("': ");
        }
        return out.append(message).toString();
    }

    @Override
    public String toString()
    {
        return describe();
    }
}

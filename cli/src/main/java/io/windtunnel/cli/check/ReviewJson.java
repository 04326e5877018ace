package io.windtunnel.cli.check;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * JSON files written for review in a pull request, as the gate's two files are ({@link Baseline} for
 * {@code windtunnel check}, the saved results of {@code windtunnel bench}): two-space indent, one value per line, a
 * final newline, numbers rounded to a fixed number of significant digits and written plain, NaN and infinities as
 * {@code null}. The caller writes keys in sorted order, so a rerun writes the same bytes.
 * <p>
 * <b>Threading:</b> stateless.
 */
public final class ReviewJson
{
    private ReviewJson()
    {
    }

    /** What goes between the generator's creation and its close. */
    @FunctionalInterface
    public interface Body
    {
        /**
         * @param g the generator, pretty-printing.
         * @throws IOException never for a string; declared by Jackson.
         */
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * @param body writes one JSON value.
     * @return its text with a final newline.
     */
    public static String text(final Body body)
    {
        final StringWriter out = new StringWriter();
        try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out))
        {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
            body.write(g);
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("writing to a string", e);
        }
        return out + "\n";
    }

    /**
     * @param g      the generator.
     * @param name   the field.
     * @param value  its value; NaN or infinite is written as {@code null}.
     * @param digits significant digits kept.
     * @throws IOException from Jackson.
     */
    public static void writeNumber(final JsonGenerator g, final String name, final double value,
        final MathContext digits) throws IOException
    {
        g.writeFieldName(name);
        if (Double.isFinite(value))
        {
            g.writeNumber(new BigDecimal(value).round(digits).stripTrailingZeros());
        }
        else
        {
            g.writeNull();
        }
    }
}

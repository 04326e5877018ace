package io.windtunnel.traces.aws;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.ingest.internal.Decimals;
import io.windtunnel.traces.ingest.internal.JsonInput;
import io.windtunnel.traces.ingest.internal.JsonInput.JsonScalar;
import io.windtunnel.traces.ingest.internal.JsonRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the AWS Spot Instance Advisor feed, {@code spot-advisor-data.json} (the data behind
 * aws.amazon.com/ec2/spot/instance-advisor), into a {@link SpotAdvisor}:
 * <pre>
 * {"global_rate": "&lt;10%",
 *  "instance_types": {"m5.large": {"emr": true, "cores": 2, "ram_gb": 8}, ...},
 *  "ranges": [{"index": 0, "label": "&lt;5%", "dots": 0, "max": 5}, ..., {"index": 4, "label": "&gt;20%", ...}],
 *  "spot_advisor": {"us-east-1": {"Linux": {"m5.large": {"s": 58, "r": 2}, ...}, "Windows": {...}}, ...}}
 * </pre>
 * {@code s} is the saving of spot over on-demand in whole percent, {@code r} the index of a range. Bucket bounds
 * come from the labels ({@code <a%}, {@code a-b%}, {@code >a%}), not from {@code max}.
 * <p>
 * Every problem is reported with its line and JSON pointer, all of them before failing with a
 * {@link TraceFormatException}: malformed JSON, a missing {@code ranges} or {@code spot_advisor}, a label that is
 * not a range, a bucket index used twice, an {@code r} that names no range, an {@code s} outside 0..100, a type
 * whose {@code cores} or {@code ram_gb} is not a positive number. Unknown members are ignored.
 * <p>
 * <b>Threading:</b> stateless. <b>Allocation:</b> import time only; streams the JSON.
 */
public final class SpotAdvisorReader
{
    private static final Pattern BELOW = Pattern.compile("<\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%");
    private static final Pattern BETWEEN = Pattern.compile(
        "([0-9]+(?:\\.[0-9]+)?)\\s*%?\\s*[-\u2013]\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%");
    private static final Pattern ABOVE = Pattern.compile(">\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%");

    private SpotAdvisorReader()
    {
    }

    /**
     * @param file a {@code spot-advisor-data.json}.
     * @return the advisor.
     * @throws TraceFormatException with every problem found (up to {@link ProblemCollector#DEFAULT_LIMIT}).
     * @throws IOException          if the file cannot be read.
     */
    public static SpotAdvisor read(final Path file) throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString());
        final State state = new State(problems);
        JsonInput.read(file, problems, state::readDocument);
        final SpotAdvisor advisor = state.build();
        problems.throwIfAny();
        return advisor;
    }

    /**
     * @param label a bucket label such as {@code <5%}, {@code 5-10%} or {@code >20%}.
     * @return {lower, upper} in percent, upper infinite for {@code >a%}.
     * @throws IllegalArgumentException if the label is none of these forms.
     */
    static double[] bounds(final String label)
    {
        final String text = label.trim();
        Matcher matcher = BELOW.matcher(text);
        if (matcher.matches())
        {
            return new double[]{0, Double.parseDouble(matcher.group(1))};
        }
        matcher = BETWEEN.matcher(text);
        if (matcher.matches())
        {
            final double lower = Double.parseDouble(matcher.group(1));
            final double upper = Double.parseDouble(matcher.group(2));
            if (!(upper > lower))
            {
                throw new IllegalArgumentException("range '" + text + "' is empty");
            }
            return new double[]{lower, upper};
        }
        matcher = ABOVE.matcher(text);
        if (matcher.matches())
        {
            return new double[]{Double.parseDouble(matcher.group(1)), Double.POSITIVE_INFINITY};
        }
        throw new IllegalArgumentException("cannot read '" + Decimals.shorten(text) +
            "' as a range: expected <a%, a-b% or >a%");
    }

    /**
     * What one read collects before the buckets are known (the feed may list {@code ranges} after
     * {@code spot_advisor}).
     */
    private static final class State
    {
        private final ProblemCollector problems;
        private final Map<Integer, InterruptionBucket> buckets = new HashMap<>();
        private final List<Pending> pending = new ArrayList<>();
        private final Map<String, SpotAdvisor.InstanceSpec> instanceTypes = new HashMap<>();
        private String globalRate;
        private boolean sawRanges;
        private boolean sawAdvisor;
        private boolean complete;

        State(final ProblemCollector problems)
        {
            this.problems = problems;
        }

        void readDocument(final JsonParser parser) throws IOException
        {
            final JsonToken first = parser.nextToken();
            if (first == null)
            {
                problems.atLine(0, null, "file is empty; expected the Spot Advisor JSON (spot-advisor-data.json)");
                return;
            }
            if (first != JsonToken.START_OBJECT)
            {
                problems.atPath(JsonInput.line(parser), null, null,
                    "expected a JSON object with ranges and spot_advisor, found " + JsonInput.describe(first));
                return;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
            {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                switch (name)
                {
                    case "ranges":
                        sawRanges = true;
                        readRanges(parser, value);
                        break;
                    case "spot_advisor":
                        sawAdvisor = true;
                        readAdvisor(parser, value);
                        break;
                    case "instance_types":
                        readInstanceTypes(parser, value);
                        break;
                    case "global_rate":
                        if (value == JsonToken.VALUE_STRING)
                        {
                            globalRate = parser.getText();
                        }
                        else
                        {
                            parser.skipChildren();
                        }
                        break;
                    default:
                        parser.skipChildren();
                        break;
                }
            }
            JsonInput.expectEndOfObject(parser, token);
            if (!sawRanges)
            {
                problems.atPath(0, null, "ranges", "missing: the interruption buckets are needed");
            }
            if (!sawAdvisor)
            {
                problems.atPath(0, null, "spot_advisor", "missing: not a Spot Advisor feed");
            }
            JsonInput.expectEnd(parser, problems);
            complete = true;
        }

        private void readRanges(final JsonParser parser, final JsonToken value) throws IOException
        {
            if (value != JsonToken.START_ARRAY)
            {
                problems.atPath(JsonInput.line(parser), "/ranges", "ranges", "expected an array, found " +
                    JsonInput.describe(value));
                parser.skipChildren();
                return;
            }
            int position = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY)
            {
                if (token == null)
                {
                    throw new JsonParseException(parser, "unexpected end of input in ranges");
                }
                final String pointer = JsonInput.pointer("ranges", position);
                final long line = JsonInput.line(parser);
                position++;
                if (token != JsonToken.START_OBJECT)
                {
                    problems.atPath(line, pointer, null, "expected a range object, found " + JsonInput.describe(token));
                    parser.skipChildren();
                    continue;
                }
                final JsonRecord range = JsonRecord.read(parser, pointer, problems);
                final Integer index = integer(range, "index", 0, Integer.MAX_VALUE);
                final JsonScalar label = range.get("label");
                double[] bounds = null;
                if (label == null || !label.isString())
                {
                    range.report("label", label == null ? "missing" :
                        "expected a string, found " + JsonInput.describe(label.token()));
                }
                else
                {
                    try
                    {
                        bounds = bounds(label.text());
                    }
                    catch (final IllegalArgumentException e)
                    {
                        range.report("label", e.getMessage());
                    }
                }
                final JsonScalar max = range.get("max");
                final double maxPercent = max != null && max.isNumber() ? Double.parseDouble(max.text()) : Double.NaN;
                if (index != null && bounds != null)
                {
                    final InterruptionBucket bucket =
                        new InterruptionBucket(index, label.text().trim(), bounds[0], bounds[1], maxPercent);
                    if (buckets.putIfAbsent(index, bucket) != null)
                    {
                        range.report("index", "bucket index " + index + " is used twice");
                    }
                }
            }
        }

        private void readAdvisor(final JsonParser parser, final JsonToken value) throws IOException
        {
            if (!expectObject(parser, value, "/spot_advisor", "spot_advisor"))
            {
                return;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
            {
                final String region = parser.currentName();
                final JsonToken regionValue = parser.nextToken();
                final String regionPointer = JsonInput.pointer("spot_advisor", region);
                if (!expectObject(parser, regionValue, regionPointer, region))
                {
                    continue;
                }
                JsonToken osToken;
                while ((osToken = parser.nextToken()) == JsonToken.FIELD_NAME)
                {
                    final String os = parser.currentName();
                    final JsonToken osValue = parser.nextToken();
                    final String osPointer = JsonInput.pointer("spot_advisor", region, os);
                    if (!expectObject(parser, osValue, osPointer, os))
                    {
                        continue;
                    }
                    JsonToken typeToken;
                    while ((typeToken = parser.nextToken()) == JsonToken.FIELD_NAME)
                    {
                        final String type = parser.currentName();
                        final JsonToken typeValue = parser.nextToken();
                        final String pointer = JsonInput.pointer("spot_advisor", region, os, type);
                        if (expectObject(parser, typeValue, pointer, type))
                        {
                            readEntry(parser, region, os, type, pointer);
                        }
                    }
                    JsonInput.expectEndOfObject(parser, typeToken);
                }
                JsonInput.expectEndOfObject(parser, osToken);
            }
            JsonInput.expectEndOfObject(parser, token);
        }

        private void readEntry(
            final JsonParser parser, final String region, final String os, final String type, final String pointer)
            throws IOException
        {
            final JsonRecord entry = JsonRecord.read(parser, pointer, problems);
            final Integer bucket = integer(entry, "r", 0, Integer.MAX_VALUE);
            final JsonScalar savings = entry.get("s");
            Double savingsPercent = null;
            if (savings == null || !savings.isNumber())
            {
                entry.report("s", savings == null ? "missing" :
                    "expected a number (savings in percent), found " + JsonInput.describe(savings.token()));
            }
            else
            {
                final double percent = Double.parseDouble(savings.text());
                if (!(percent >= 0 && percent <= 100))
                {
                    entry.report("s", "savings must be between 0 and 100 percent, got " + savings.text());
                }
                else
                {
                    savingsPercent = percent;
                }
            }
            if (bucket != null && savingsPercent != null)
            {
                final JsonScalar r = entry.get("r");
                pending.add(new Pending(region, os, type, savingsPercent, bucket, r.line(), pointer + "/r"));
            }
        }

        private void readInstanceTypes(final JsonParser parser, final JsonToken value) throws IOException
        {
            if (!expectObject(parser, value, "/instance_types", "instance_types"))
            {
                return;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
            {
                final String type = parser.currentName();
                final JsonToken typeValue = parser.nextToken();
                final String pointer = JsonInput.pointer("instance_types", type);
                if (!expectObject(parser, typeValue, pointer, type))
                {
                    continue;
                }
                final JsonRecord spec = JsonRecord.read(parser, pointer, problems);
                final Integer cores = integer(spec, "cores", 1, Integer.MAX_VALUE);
                final JsonScalar ram = spec.get("ram_gb");
                Double memory = null;
                if (ram == null || !ram.isNumber() || !(Double.parseDouble(ram.text()) > 0) ||
                    Double.isInfinite(Double.parseDouble(ram.text())))
                {
                    spec.report("ram_gb", ram == null ? "missing" :
                        "expected a positive number of GiB, found " +
                            (ram.isNumber() ? ram.text() : JsonInput.describe(ram.token())));
                }
                else
                {
                    memory = Double.parseDouble(ram.text());
                }
                final JsonScalar emr = spec.get("emr");
                if (cores != null && memory != null)
                {
                    instanceTypes.put(type, new SpotAdvisor.InstanceSpec(cores, memory,
                        emr != null && emr.token() == JsonToken.VALUE_TRUE));
                }
            }
            JsonInput.expectEndOfObject(parser, token);
        }

        /**
         * @return the advisor, or null when the document was not read to its end (the entries' buckets cannot be
         * checked against ranges that may not have been reached; the parse problem is reported already).
         */
        SpotAdvisor build()
        {
            if (!complete)
            {
                return null;
            }
            final List<InterruptionBucket> ordered = new ArrayList<>(buckets.values());
            ordered.sort((a, b) -> Integer.compare(a.index(), b.index()));
            for (int i = 1; i < ordered.size(); i++)
            {
                if (ordered.get(i).lowerPercent() < ordered.get(i - 1).lowerPercent())
                {
                    problems.atPath(0, "/ranges", "label", "bucket " + ordered.get(i).index() + " (" +
                        ordered.get(i).label() + ") starts below bucket " + ordered.get(i - 1).index() + " (" +
                        ordered.get(i - 1).label() + "): buckets must rise with their index");
                }
            }
            final List<SpotAdvisorEntry> entries = new ArrayList<>(pending.size());
            final Set<String> seen = new HashSet<>();
            for (final Pending entry : pending)
            {
                final InterruptionBucket bucket = buckets.get(entry.bucket);
                if (!seen.add(entry.region + '\u001f' + entry.os.toLowerCase(Locale.ROOT) + '\u001f' + entry.type))
                {
                    problems.atPath(entry.line, entry.pointer.substring(0, entry.pointer.length() - 2), null,
                        "a second entry for " + entry.type + " (" + entry.os + ") in " + entry.region);
                }
                else if (bucket == null)
                {
                    problems.atPath(entry.line, entry.pointer, "r", "no range has index " + entry.bucket);
                }
                else
                {
                    entries.add(new SpotAdvisorEntry(entry.region, entry.os, entry.type, entry.savingsPercent, bucket));
                }
            }
            return new SpotAdvisor(ordered, entries, instanceTypes, globalRate);
        }

        private boolean expectObject(
            final JsonParser parser, final JsonToken value, final String pointer, final String field)
            throws IOException
        {
            if (value == JsonToken.START_OBJECT)
            {
                return true;
            }
            problems.atPath(JsonInput.line(parser), pointer, field, "expected an object, found " +
                JsonInput.describe(value));
            parser.skipChildren();
            return false;
        }

        private static Integer integer(final JsonRecord record, final String field, final int min, final int max)
        {
            final JsonScalar value = record.get(field);
            if (value == null)
            {
                record.report(field, "missing");
                return null;
            }
            if (value.token() != JsonToken.VALUE_NUMBER_INT)
            {
                record.report(field, "expected a whole number, found " +
                    (value.isNumber() ? value.text() : JsonInput.describe(value.token())));
                return null;
            }
            final long number;
            try
            {
                number = Long.parseLong(value.text());
            }
            catch (final NumberFormatException e)
            {
                record.report(field, "number " + Decimals.shorten(value.text()) + " is too large");
                return null;
            }
            if (number < min || number > max)
            {
                record.report(field, number < min ? "must be at least " + min + ", got " + number :
                    "number " + number + " is too large");
                return null;
            }
            return (int)number;
        }
    }

    /**
     * An entry whose bucket is resolved once all ranges are read.
     */
    private record Pending(
        String region, String os, String type, double savingsPercent, int bucket, long line, String pointer)
    {
    }
}

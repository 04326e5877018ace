package io.windtunnel.simulator.policy;

import io.windtunnel.traces.TraceDurations;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The declaration of one parameter of a policy: its YAML key, kind, unit, default, allowed values and a one-line
 * doc. The scenario reader reads and checks the value from it (and generates its error messages from it), the echo
 * in {@code summary.json} records it, and {@code windtunnel policies} lists it, so these cannot drift apart.
 * <p>
 * Build one with a factory per kind and the builder's setters, e.g.
 * {@code PolicyParameter.integer("retries", 0, 100).defaultValue(1).unit("retries").doc("...").build()}. A scalar
 * parameter without a default is required. A lower bound or default may name an earlier parameter of the same
 * kind ({@link Builder#atLeast}, {@link Builder#defaultFrom}), so that {@code max} is at least {@code min}.
 * <p>
 * <b>Threading:</b> immutable.
 */
public final class PolicyParameter
{
    /** What values a parameter takes. */
    public enum Kind
    {
        /** A whole number in [min, max]. */
        INTEGER("integer"),
        /** A number in [min, max]. */
        NUMBER("number"),
        /** A duration ({@code 250ms}, {@code 5m}; a bare number is seconds) in [min, max], in ns. */
        DURATION("duration"),
        /** {@code true} or {@code false}. */
        BOOLEAN("boolean"),
        /** One of a fixed list of words. */
        CHOICE("choice"),
        /** A list of words from a fixed list; absent means all of them. */
        CHOICES("list"),
        /** A list of names the scenario declares (providers, regions, clients); absent means all of them. */
        NAMES("name list"),
        /**
         * A word in a format of its own ({@code 08:00}, {@code mon-fri}, {@code Europe/Paris}), checked and
         * converted by the declaration's parser; its value is what the parser returns.
         */
        TEXT("text"),
        /**
         * A list of mappings whose keys are declared parameters of their own ({@link #fields()}), each read and
         * checked as a policy's parameters are; absent means an empty list.
         */
        ENTRIES("list of entries");

        private final String label;

        Kind(final String label)
        {
            this.label = label;
        }

        /**
         * @return the kind's name in listings ({@code integer}).
         */
        public String label()
        {
            return label;
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final String name;
    private final Kind kind;
    private final String unit;
    private final String doc;
    private final long minLong;
    private final long maxLong;
    private final double minNumber;
    private final double maxNumber;
    private final boolean hasDefault;
    private final long defaultLong;
    private final double defaultNumber;
    private final String defaultText;
    private final String defaultFrom;
    private final String atLeast;
    private final List<String> allowed;
    private final UnaryOperator<String> canonical;
    private final PolicyContext.Names names;
    private final Function<String, Object> parser;
    private final String format;
    private final List<PolicyParameter> fields;
    private final boolean quietDefault;
    private final Function<PolicyArguments, String> entryCheck;

    private PolicyParameter(final Builder b)
    {
        name = b.name;
        kind = b.kind;
        unit = b.unit;
        doc = b.doc;
        minLong = b.minLong;
        maxLong = b.maxLong;
        minNumber = b.minNumber;
        maxNumber = b.maxNumber;
        hasDefault = b.hasDefault || b.defaultFrom != null || kind == Kind.CHOICES || kind == Kind.NAMES ||
            kind == Kind.ENTRIES;
        defaultLong = b.defaultLong;
        defaultNumber = b.defaultNumber;
        defaultText = b.defaultText;
        defaultFrom = b.defaultFrom;
        atLeast = b.atLeast;
        allowed = b.allowed;
        canonical = b.canonical;
        names = b.names;
        parser = b.parser;
        format = b.format;
        fields = b.fields;
        quietDefault = b.quietDefault;
        entryCheck = b.entryCheck;
    }

    /**
     * @param name YAML key.
     * @param min  smallest allowed.
     * @param max  largest allowed.
     * @return a builder for a whole-number parameter.
     */
    public static Builder integer(final String name, final long min, final long max)
    {
        final Builder b = new Builder(name, Kind.INTEGER);
        b.minLong = min;
        b.maxLong = max;
        return b;
    }

    /**
     * @param name YAML key.
     * @param min  smallest allowed.
     * @param max  largest allowed.
     * @return a builder for a number parameter.
     */
    public static Builder number(final String name, final double min, final double max)
    {
        final Builder b = new Builder(name, Kind.NUMBER);
        b.minNumber = min;
        b.maxNumber = max;
        return b;
    }

    /**
     * @param name  YAML key.
     * @param minNs shortest allowed, ns.
     * @param maxNs longest allowed, ns.
     * @return a builder for a duration parameter (its value is in ns).
     */
    public static Builder duration(final String name, final long minNs, final long maxNs)
    {
        final Builder b = new Builder(name, Kind.DURATION);
        b.minLong = minNs;
        b.maxLong = maxNs;
        return b;
    }

    /**
     * @param name YAML key.
     * @return a builder for a {@code true} / {@code false} parameter.
     */
    public static Builder bool(final String name)
    {
        return new Builder(name, Kind.BOOLEAN);
    }

    /**
     * @param name    YAML key.
     * @param allowed the words it may be.
     * @return a builder for a parameter that is one of {@code allowed}.
     */
    public static Builder choice(final String name, final String... allowed)
    {
        final Builder b = new Builder(name, Kind.CHOICE);
        b.allowed = List.of(allowed);
        return b;
    }

    /**
     * @param name    YAML key.
     * @param allowed the words its items may be.
     * @return a builder for a list of words from {@code allowed}; absent means all of them.
     */
    public static Builder choices(final String name, final String... allowed)
    {
        final Builder b = new Builder(name, Kind.CHOICES);
        b.allowed = List.of(allowed);
        return b;
    }

    /**
     * @param name  YAML key.
     * @param names which names of the scenario its items are.
     * @return a builder for a list of names the scenario declares; absent means all of them.
     */
    public static Builder names(final String name, final PolicyContext.Names names)
    {
        final Builder b = new Builder(name, Kind.NAMES);
        b.names = Objects.requireNonNull(names, "names");
        return b;
    }

    /**
     * @param name   YAML key.
     * @param format what the text looks like, for listings and messages ({@code HH:MM}).
     * @param parser checks a text as written and returns its value; throws {@link IllegalArgumentException} with
     *               the reason (it becomes a scenario error at the value's file, line and key).
     * @return a builder for a text parameter.
     */
    public static Builder text(final String name, final String format, final Function<String, Object> parser)
    {
        final Builder b = new Builder(name, Kind.TEXT);
        b.format = Objects.requireNonNull(format, "format");
        b.parser = Objects.requireNonNull(parser, "parser");
        return b;
    }

    /**
     * @param name   YAML key.
     * @param fields the keys of each entry, in reading order (a field may refer to earlier fields of its entry).
     * @return a builder for a list of entries; absent means an empty list.
     */
    public static Builder entries(final String name, final PolicyParameter... fields)
    {
        final Builder b = new Builder(name, Kind.ENTRIES);
        b.fields = List.of(fields);
        return b;
    }

    /**
     * @return the YAML key.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return what values it takes.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * @return the unit of its value ({@code replicas}), or an empty string if it has none.
     */
    public String unit()
    {
        return unit;
    }

    /**
     * @return the one-line doc.
     */
    public String doc()
    {
        return doc;
    }

    /**
     * @return true if a scenario must give it.
     */
    public boolean required()
    {
        return !hasDefault;
    }

    /**
     * @return smallest allowed value of an {@link Kind#INTEGER} or {@link Kind#DURATION} (ns) parameter.
     */
    public long minLong()
    {
        return minLong;
    }

    /**
     * @return largest allowed value of an {@link Kind#INTEGER} or {@link Kind#DURATION} (ns) parameter.
     */
    public long maxLong()
    {
        return maxLong;
    }

    /**
     * @return smallest allowed value of a {@link Kind#NUMBER} parameter.
     */
    public double minNumber()
    {
        return minNumber;
    }

    /**
     * @return largest allowed value of a {@link Kind#NUMBER} parameter.
     */
    public double maxNumber()
    {
        return maxNumber;
    }

    /**
     * @return the default of an {@link Kind#INTEGER} or {@link Kind#DURATION} (ns) parameter.
     */
    public long defaultLong()
    {
        return defaultLong;
    }

    /**
     * @return the default of a {@link Kind#NUMBER} parameter.
     */
    public double defaultNumber()
    {
        return defaultNumber;
    }

    /**
     * @return the default of a {@link Kind#BOOLEAN} ({@code true} / {@code false}) or {@link Kind#CHOICE} parameter.
     */
    public String defaultText()
    {
        return defaultText;
    }

    /**
     * @return the earlier parameter whose value is this one's default, or null.
     */
    public String defaultFrom()
    {
        return defaultFrom;
    }

    /**
     * @return the earlier parameter whose value is this one's lower bound (and raises its default), or null.
     */
    public String atLeast()
    {
        return atLeast;
    }

    /**
     * @return the allowed words of a {@link Kind#CHOICE} or {@link Kind#CHOICES} parameter, else empty.
     */
    public List<String> allowed()
    {
        return allowed;
    }

    /**
     * @return which names a {@link Kind#NAMES} parameter takes, else null.
     */
    public PolicyContext.Names names()
    {
        return names;
    }

    /**
     * @param text a {@link Kind#TEXT} parameter's value as written.
     * @return its value.
     * @throws IllegalArgumentException with the reason, if the text is not in the parameter's format.
     */
    public Object parse(final String text)
    {
        return parser.apply(text);
    }

    /**
     * @return what a {@link Kind#TEXT} parameter's text looks like ({@code HH:MM}), else null.
     */
    public String format()
    {
        return format;
    }

    /**
     * @return the keys of each entry of an {@link Kind#ENTRIES} parameter, else empty.
     */
    public List<PolicyParameter> fields()
    {
        return fields;
    }

    /**
     * @param entry one entry of an {@link Kind#ENTRIES} parameter, its fields checked one by one.
     * @return null if the entry's fields fit together, else the reason (reported at the entry's line and key).
     */
    public String checkEntry(final PolicyArguments entry)
    {
        return entryCheck == null ? null : entryCheck.apply(entry);
    }

    /**
     * @return true if the default is used without being echoed when a scenario leaves the parameter out: for a
     *     parameter added to an existing policy whose default keeps its old behaviour, so that the echo and summary
     *     of a scenario written before it stay byte-identical.
     */
    public boolean quietDefault()
    {
        return quietDefault;
    }

    /**
     * @param text a word as written in a scenario.
     * @return the allowed word it stands for (itself, or what an alias means), or null if none.
     */
    public String canonical(final String text)
    {
        final String word = canonical != null ? canonical.apply(text) : text;
        return word != null && allowed.contains(word) ? word : null;
    }

    /**
     * @return the default as listed by {@code windtunnel policies} and the docs ({@code 1000, at least min},
     *     {@code = min}, {@code all}, {@code required}).
     */
    public String describeDefault()
    {
        if (defaultFrom != null)
        {
            return "= " + defaultFrom;
        }
        if (kind == Kind.CHOICES || kind == Kind.NAMES)
        {
            return "all";
        }
        if (kind == Kind.ENTRIES)
        {
            return "none";
        }
        if (!hasDefault)
        {
            return "required";
        }
        final String text;
        switch (kind)
        {
            case INTEGER:
                text = Long.toString(defaultLong);
                break;
            case NUMBER:
                text = numberText(defaultNumber);
                break;
            case DURATION:
                text = TraceDurations.format(defaultLong);
                break;
            default:
                text = defaultText;
        }
        return atLeast != null ? text + ", at least " + atLeast : text;
    }

    /**
     * @return the allowed values as listed by {@code windtunnel policies} ({@code 0..100}, {@code min..1000000},
     *     {@code on-demand, spot}, {@code provider names}).
     */
    public String describeAllowed()
    {
        switch (kind)
        {
            case INTEGER:
                return (atLeast != null ? atLeast : Long.toString(minLong)) + ".." + maxLong;
            case NUMBER:
                return (atLeast != null ? atLeast : numberText(minNumber)) + ".." + numberText(maxNumber);
            case DURATION:
                return (atLeast != null ? atLeast : TraceDurations.format(minLong)) + ".." +
                    TraceDurations.format(maxLong);
            case BOOLEAN:
                return "true, false";
            case NAMES:
                return names.noun() + " names of the scenario";
            case TEXT:
                return format;
            case ENTRIES:
            {
                final StringBuilder sb = new StringBuilder("entries of {");
                for (int i = 0; i < fields.size(); i++)
                {
                    sb.append(i > 0 ? ", " : "").append(fields.get(i).name());
                }
                return sb.append('}').toString();
            }
            default:
                return String.join(", ", allowed);
        }
    }

    /**
     * @param value a number.
     * @return it as the scenario reader echoes a number: without a fraction when whole, else shortest form.
     */
    public static String numberText(final double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long)value) :
            Double.toString(value);
    }

    @Override
    public String toString()
    {
        return name + " (" + kind.label() + ")";
    }

    /** Collects a declaration; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder
    {
        private final String name;
        private final Kind kind;
        private String unit = "";
        private String doc;
        private long minLong;
        private long maxLong;
        private double minNumber;
        private double maxNumber;
        private boolean hasDefault;
        private long defaultLong;
        private double defaultNumber;
        private String defaultText;
        private String defaultFrom;
        private String atLeast;
        private List<String> allowed = List.of();
        private UnaryOperator<String> canonical;
        private PolicyContext.Names names;
        private Function<String, Object> parser;
        private String format;
        private List<PolicyParameter> fields = List.of();
        private boolean quietDefault;
        private Function<PolicyArguments, String> entryCheck;

        private Builder(final String name, final Kind kind)
        {
            this.name = Objects.requireNonNull(name, "name");
            this.kind = kind;
        }

        /**
         * @param value the default of an integer or duration (ns) parameter.
         * @return this.
         */
        public Builder defaultValue(final long value)
        {
            requireKind(Kind.INTEGER, Kind.DURATION);
            hasDefault = true;
            defaultLong = value;
            return this;
        }

        /**
         * @param value the default of a number parameter.
         * @return this.
         */
        public Builder defaultValue(final double value)
        {
            requireKind(Kind.NUMBER);
            hasDefault = true;
            defaultNumber = value;
            return this;
        }

        /**
         * @param value the default of a boolean parameter.
         * @return this.
         */
        public Builder defaultValue(final boolean value)
        {
            return defaultWord(Kind.BOOLEAN, Boolean.toString(value));
        }

        /**
         * @param value the default of a choice parameter (one of its allowed words) or of a text parameter (as
         *              written in a scenario; {@link #build()} parses it).
         * @return this.
         */
        public Builder defaultValue(final String value)
        {
            return defaultWord(kind == Kind.TEXT ? Kind.TEXT : Kind.CHOICE, value);
        }

        /**
         * Use the default without echoing it when a scenario leaves the parameter out (see
         * {@link PolicyParameter#quietDefault()}). Only for a parameter added to an existing policy whose default
         * keeps the policy's old behaviour.
         *
         * @return this.
         */
        public Builder quietDefault()
        {
            quietDefault = true;
            return this;
        }

        /**
         * @param check given one entry of a list of entries (its fields already checked one by one), returns null
         *              if the fields fit together, else the reason; the reader reports it at the entry.
         * @return this.
         */
        public Builder entryCheck(final Function<PolicyArguments, String> check)
        {
            requireKind(Kind.ENTRIES);
            entryCheck = check;
            return this;
        }

        private Builder defaultWord(final Kind expected, final String value)
        {
            requireKind(expected);
            hasDefault = true;
            defaultText = value;
            return this;
        }

        /**
         * @param parameter an earlier parameter of the same kind whose value is this one's default.
         * @return this.
         */
        public Builder defaultFrom(final String parameter)
        {
            requireKind(Kind.INTEGER, Kind.NUMBER, Kind.DURATION);
            defaultFrom = parameter;
            return this;
        }

        /**
         * @param parameter an earlier parameter of the same kind whose value is this one's lower bound; the default
         *                  is raised to it.
         * @return this.
         */
        public Builder atLeast(final String parameter)
        {
            requireKind(Kind.INTEGER, Kind.NUMBER, Kind.DURATION);
            atLeast = parameter;
            return this;
        }

        /**
         * @param aliases maps a word as written to the allowed word it stands for, or null; for choices that accept
         *                other spellings (markets: {@code od} for {@code on-demand}).
         * @return this.
         */
        public Builder aliases(final UnaryOperator<String> aliases)
        {
            requireKind(Kind.CHOICE, Kind.CHOICES);
            canonical = aliases;
            return this;
        }

        /**
         * @param value the unit of the value ({@code replicas}, {@code requests}, {@code share of workers}).
         * @return this.
         */
        public Builder unit(final String value)
        {
            unit = Objects.requireNonNull(value, "unit");
            return this;
        }

        /**
         * @param value one line saying what the parameter does.
         * @return this.
         */
        public Builder doc(final String value)
        {
            doc = value;
            return this;
        }

        /**
         * @return the declaration.
         * @throws IllegalArgumentException if it is inconsistent (bad name, no doc, default out of range...).
         */
        public PolicyParameter build()
        {
            final String where = "parameter '" + name + "': ";
            if (!NAME.matcher(name).matches() || name.equals("type"))
            {
                throw new IllegalArgumentException(where + "a name is a letter then letters, digits or '_', " +
                    "and not 'type'");
            }
            if (doc == null || doc.isBlank())
            {
                throw new IllegalArgumentException(where + "needs a one-line doc");
            }
            if (hasDefault && defaultFrom != null)
            {
                throw new IllegalArgumentException(where + "has both a default and defaultFrom");
            }
            switch (kind)
            {
                case INTEGER:
                case DURATION:
                    if (minLong > maxLong || hasDefault && (defaultLong < minLong || defaultLong > maxLong))
                    {
                        throw new IllegalArgumentException(where + "needs min <= default <= max");
                    }
                    break;
                case NUMBER:
                    if (!(minNumber <= maxNumber) ||
                        hasDefault && !(defaultNumber >= minNumber && defaultNumber <= maxNumber))
                    {
                        throw new IllegalArgumentException(where + "needs min <= default <= max");
                    }
                    break;
                case CHOICE:
                case CHOICES:
                    if (allowed.isEmpty() || allowed.stream().anyMatch(w -> w == null || w.isBlank()) ||
                        allowed.stream().distinct().count() != allowed.size())
                    {
                        throw new IllegalArgumentException(where + "needs distinct, non-empty allowed words");
                    }
                    if (hasDefault && !allowed.contains(defaultText))
                    {
                        throw new IllegalArgumentException(where + "default '" + defaultText + "' is not one of " +
                            String.join(", ", allowed));
                    }
                    break;
                case TEXT:
                    if (hasDefault)
                    {
                        try
                        {
                            parser.apply(defaultText);
                        }
                        catch (final IllegalArgumentException e)
                        {
                            throw new IllegalArgumentException(where + "default '" + defaultText + "': " +
                                e.getMessage(), e);
                        }
                    }
                    break;
                case ENTRIES:
                    if (fields.isEmpty() || fields.stream().anyMatch(f -> f.kind() == Kind.ENTRIES) ||
                        fields.stream().map(PolicyParameter::name).distinct().count() != fields.size())
                    {
                        throw new IllegalArgumentException(where + "needs distinct fields, none a list of entries");
                    }
                    break;
                default:
                    break;
            }
            if (quietDefault && !hasDefault)
            {
                throw new IllegalArgumentException(where + "a quiet default needs a default");
            }
            return new PolicyParameter(this);
        }

        private void requireKind(final Kind... kinds)
        {
            for (final Kind k : kinds)
            {
                if (k == kind)
                {
                    return;
                }
            }
            throw new IllegalArgumentException("parameter '" + name + "': not a setting of a " +
                kind.label().toLowerCase(Locale.ROOT) + " parameter");
        }
    }
}

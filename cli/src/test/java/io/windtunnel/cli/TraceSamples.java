package io.windtunnel.cli;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceRules;
import io.windtunnel.traces.TraceTable;

import java.util.SplittableRandom;

/**
 * Small traces for CLI tests: one per kind, with empty key fields and NaN values where the kind allows them, and
 * seeded random ones; every row obeys its kind's rules ({@code TraceRules}) and the rows together obey the rules
 * across rows ({@code TraceSeriesRules}: no two rows of one key at one time, load rates on their grid without gaps),
 * as the binary reader requires.
 */
final class TraceSamples
{
    static final long T0_NS = 1_704_067_200_000_000_000L; // 2024-01-01T00:00:00Z
    static final long MINUTE_NS = 60_000_000_000L;

    private TraceSamples()
    {
    }

    static TraceTable sample(final TraceKind kind)
    {
        final TraceTable.Builder builder = TraceTable.builder(kind);
        final KeyDictionary keys = builder.keys();
        switch (kind)
        {
            case PRICE:
            {
                final int spot = keys.intern("aws", "us-east-1", "", "m5.large", "spot");
                final int od = keys.intern("azure", "westeurope", "1", "Standard_D2s_v5", "on-demand");
                for (int hour = 0; hour < 24; hour++)
                {
                    builder.add(T0_NS + hour * 60 * MINUTE_NS, spot, 0, 0.03 + 0.0005 * (hour % 6));
                }
                builder.add(T0_NS + 30 * MINUTE_NS, od, 0, 0.096);
                break;
            }
            case LOAD_RATE:
            {
                builder.stepNs(MINUTE_NS);
                final int all = keys.intern("");
                for (int minute = 0; minute < 30; minute++)
                {
                    builder.add(T0_NS + minute * MINUTE_NS, all, 0, 100 + 7 * (minute % 5));
                }
                break;
            }
            case ARRIVALS:
            {
                final int us = keys.intern("us-east-1");
                final int eu = keys.intern("");
                builder.add(T0_NS, us, 0, 12.5);
                builder.add(T0_NS + 1_000, eu, 0, Double.NaN);
                builder.add(T0_NS + 1_000, us, 0, 3);
                builder.add(T0_NS + 5_000_000, eu, 0, 0.25);
                break;
            }
            case FAULTS:
            {
                final int zone = keys.intern("aws", "us-east-1", "us-east-1a", "m5.large");
                final int region = keys.intern("aws", "us-east-1", "", "");
                long timeNs = T0_NS;
                for (final FaultKind fault : FaultKind.values())
                {
                    // Counts valid for each kind: whole instances for preempt and failure, a fraction for
                    // preempt_fraction, a level for capacity, 0 for the rest.
                    final double count = switch (fault)
                    {
                        case PREEMPT, INSTANCE_FAILURE -> 1 + fault.ordinal();
                        case PREEMPT_FRACTION -> 0.25;
                        case CAPACITY -> 12;
                        default -> 0;
                    };
                    builder.add(timeNs, fault.ordinal() % 2 == 0 ? zone : region, fault.code(), count);
                    timeNs += 10 * MINUTE_NS;
                }
                break;
            }
            case TRANSFER:
            {
                final int free = keys.intern("*", "internet", "0");
                final int paid = keys.intern("*", "internet", "100");
                final int gcp = keys.intern("gcp", "other-region", "0");
                builder.add(T0_NS, free, 0, 0).add(T0_NS, paid, 0, 0.09).add(T0_NS, gcp, 0, 0.01);
                builder.add(T0_NS + 60 * MINUTE_NS, paid, 0, 0.085);
                break;
            }
            default:
                throw new IllegalArgumentException(kind.toString());
        }
        return builder.build();
    }

    static TraceTable random(final SplittableRandom random)
    {
        final TraceKind kind = TraceKind.values()[random.nextInt(TraceKind.values().length)];
        final TraceTable.Builder builder = TraceTable.builder(kind);
        if (kind == TraceKind.LOAD_RATE)
        {
            builder.stepNs(MINUTE_NS * (1 + random.nextInt(10)));
        }
        final int fields = kind.keyFields().size();
        final int keyCount = 1 + random.nextInt(20);
        for (int key = 0; key < keyCount; key++)
        {
            final String[] values = new String[fields];
            for (int field = 0; field < fields; field++)
            {
                final int pick = random.nextInt(5);
                values[field] = pick == 0 ? "" : pick == 1 ? "a, \"b\"" : "k" + random.nextInt(30);
                // Fields the kind requires (TraceRules) stay non-empty, and a market is one of the two labels, so
                // that the binary reader accepts the table.
                if (TraceRules.keyFieldProblem(kind, field, values[field]) != null)
                {
                    values[field] = kind == TraceKind.PRICE && field == 4 ?
                        (random.nextBoolean() ? "spot" : "on-demand") : "k" + random.nextInt(30);
                }
                // A transfer key names a link class and (so that every class has its first tier) the tier from 0.
                if (kind == TraceKind.TRANSFER && field > 0)
                {
                    values[field] = field == 1 ? TraceRules.LINK_CLASSES.get(random.nextInt(
                        TraceRules.LINK_CLASSES.size())) : "0";
                }
            }
            builder.keys().intern(values);
        }
        final int keys = builder.keys().size();
        final int rows = random.nextInt(500);
        final long startNs = T0_NS + random.nextLong(-T0_NS, T0_NS);
        if (kind == TraceKind.LOAD_RATE)
        {
            // Each key a run of consecutive steps from a step of its own: on the grid, without gaps.
            int added = 0;
            for (int key = 0; key < keys && added < rows; key++)
            {
                final long firstNs = startNs + random.nextInt(100) * builder.stepNs();
                final int length = Math.min(rows - added, 1 + random.nextInt(60));
                for (int step = 0; step < length; step++)
                {
                    builder.add(firstNs + step * builder.stepNs(), key, 0, validValue(random, kind, 0));
                }
                added += length;
            }
            return builder.build();
        }
        // Many rows at one time, but (except arrivals, which may repeat) never two of one key and code.
        final int identities = kind == TraceKind.FAULTS ? keys * 8 : keys;
        final java.util.Set<Long> atTime = new java.util.HashSet<>();
        long timeNs = startNs;
        for (int row = 0; row < rows; row++)
        {
            if (random.nextInt(2) != 0 || atTime.size() == identities)
            {
                timeNs += random.nextLong(1, 10_000_000_000L);
                atTime.clear();
            }
            int key;
            int code;
            do
            {
                key = random.nextInt(keys);
                code = kind == TraceKind.FAULTS ? 1 + random.nextInt(8) : 0;
            }
            while (!atTime.add((long)key << 32 | code) && kind != TraceKind.ARRIVALS);
            builder.add(timeNs, key, code, validValue(random, kind, code));
        }
        return builder.build();
    }

    /** A random value the kind (and fault kind) allows: NaN only as an arrival's unknown service time. */
    private static double validValue(final SplittableRandom random, final TraceKind kind, final int code)
    {
        if (kind == TraceKind.ARRIVALS && random.nextInt(10) == 0)
        {
            return Double.NaN;
        }
        if (kind == TraceKind.FAULTS)
        {
            return switch (FaultKind.fromCode(code))
            {
                case PREEMPT, INSTANCE_FAILURE -> 1 + random.nextInt(100);
                case PREEMPT_FRACTION -> 1 - random.nextDouble();
                default -> random.nextInt(1000);
            };
        }
        final double value = random.nextBoolean() ? random.nextInt(1000) : random.nextDouble() * 10;
        return kind == TraceKind.ARRIVALS && value == 0 ? 0.5 : value;
    }
}

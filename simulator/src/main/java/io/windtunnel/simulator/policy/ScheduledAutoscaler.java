package io.windtunnel.simulator.policy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * Replica floors and ceilings by time of day and weekday, with target tracking between them: SkyPilot users asked
 * for cron-based minimums ("scale down to 0 at night", skypilot-org/skypilot#4533, with a time zone per rule). Each
 * entry of {@code windows} is {@code {days: mon-fri, from: "08:00", to: "20:00", min: 4, max: 50}}; while the local
 * time is in a window, the answer is at least its {@code min} and at most its {@code max} (several windows at once:
 * the highest floor and the lowest ceiling, the ceiling winning a conflict). Between the floor and the ceiling the
 * answer tracks the observed load as {@code target-utilization} does ({@code target}; {@code target: 0} turns that
 * off, leaving the schedule alone), with the cool-downs of {@link ScalingLimits}; the policy's own {@code min} and
 * {@code max} bound everything. Scale to zero at night: {@code min: 0} and a night window with {@code max: 0}.
 * <p>
 * <b>Time.</b> Local time is the scenario's {@code start} (its simulated time 0 as a wall-clock instant) plus the
 * simulated time, in {@code timezone} (UTC unless given; an IANA name such as {@code Europe/Paris} follows daylight
 * saving). A window is {@code [from, to)}; {@code to} may be {@code 24:00}; a window whose {@code to} is earlier than
 * its {@code from} runs past midnight, and its {@code days} are the days it starts on.
 * <p>
 * <b>Boot delay.</b> A floor rises early, by the longest boot time of the scenario's instance types plus one control
 * interval, so that its replicas are ready when the window opens; floors fall and ceilings apply on time.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none per decision, except when the time zone's offset
 * changes (a daylight-saving transition, a few times a year of simulated time).
 */
public final class ScheduledAutoscaler implements Autoscaler
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final int DAY_SEC = 86_400;
    private static final String[] DAY_NAMES = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    /** One window: days as a bit mask (bit 0 Monday), seconds of the day, bounds. */
    private final int[] windowDays;
    private final int[] windowFromSec;
    private final int[] windowToSec;
    private final int[] windowMin;
    private final int[] windowMax;
    private final double targetUtilization;
    private final long startEpochNs;
    private final ZoneRules zone;
    private final ScalingLimits hardLimits;
    private final ScalingLimits tracking;

    private int offsetSec;
    /** Epoch second from which {@link #offsetSec} must be looked up again. */
    private long offsetValidFromSec = Long.MAX_VALUE;
    private long offsetValidUntilSec = Long.MIN_VALUE;
    private long leadNs = -1;

    /**
     * @param windows           the schedule.
     * @param targetUtilization share of workers the offered load should fill between floor and ceiling, in [0, 1];
     *                          0 for none (the answer is the floor).
     * @param minReplicas       lower bound of every answer.
     * @param maxReplicas       upper bound of every answer.
     * @param upCooldownNs      after a rise of the load-tracking part, ns before its next rise.
     * @param downCooldownNs    after a change of the load-tracking part, ns before it falls.
     * @param startEpochNs      the wall-clock instant of simulated time 0, ns since the epoch.
     * @param zone              the time zone of the windows.
     */
    public ScheduledAutoscaler(final List<Window> windows, final double targetUtilization, final int minReplicas,
        final int maxReplicas, final long upCooldownNs, final long downCooldownNs, final long startEpochNs,
        final ZoneId zone)
    {
        if (!(targetUtilization >= 0 && targetUtilization <= 1))
        {
            throw new IllegalArgumentException("target in [0, 1] required");
        }
        final int n = windows.size();
        windowDays = new int[n];
        windowFromSec = new int[n];
        windowToSec = new int[n];
        windowMin = new int[n];
        windowMax = new int[n];
        for (int i = 0; i < n; i++)
        {
            final Window w = windows.get(i);
            windowDays[i] = w.daysMask();
            windowFromSec[i] = w.fromSec();
            windowToSec[i] = w.toSec();
            windowMin[i] = w.minReplicas();
            windowMax[i] = w.maxReplicas();
        }
        this.targetUtilization = targetUtilization;
        this.startEpochNs = startEpochNs;
        this.zone = zone.getRules();
        this.hardLimits = new ScalingLimits(minReplicas, maxReplicas, 0, 0);
        this.tracking = new ScalingLimits(0, Integer.MAX_VALUE / 2, upCooldownNs, downCooldownNs);
    }

    @Override
    public int desiredReplicas(final SimulationView view)
    {
        final long nowNs = view.nowNs();
        if (leadNs < 0)
        {
            long bootNs = 0;
            for (final long b : view.model().typeBootNs)
            {
                bootNs = Math.max(bootNs, b);
            }
            leadNs = bootNs + view.model().controlIntervalNs;
        }
        final int load = targetUtilization == 0 || nowNs == 0 ? 0 :
            TargetUtilizationAutoscaler.replicasFor(view, view.observedArrivalRatePerSec(), targetUtilization);
        final int tracked = tracking.apply(nowNs, load);
        final int floor = Math.max(floorAt(nowNs), floorAt(nowNs + leadNs));
        final int ceiling = ceilingAt(nowNs);
        return hardLimits.clamp(Math.min(ceiling, Math.max(floor, tracked)));
    }

    /**
     * @param timeNs simulated time.
     * @return the highest {@code min} of the windows open then (0 if none).
     */
    int floorAt(final long timeNs)
    {
        final long localSec = localSecond(timeNs);
        int floor = 0;
        for (int i = 0; i < windowDays.length; i++)
        {
            if (open(i, localSec))
            {
                floor = Math.max(floor, windowMin[i]);
            }
        }
        return floor;
    }

    /**
     * @param timeNs simulated time.
     * @return the lowest {@code max} of the windows open then ({@code Integer.MAX_VALUE} if none).
     */
    int ceilingAt(final long timeNs)
    {
        final long localSec = localSecond(timeNs);
        int ceiling = Integer.MAX_VALUE;
        for (int i = 0; i < windowDays.length; i++)
        {
            if (open(i, localSec))
            {
                ceiling = Math.min(ceiling, windowMax[i]);
            }
        }
        return ceiling;
    }

    private boolean open(final int window, final long localSec)
    {
        final long day = Math.floorDiv(localSec, DAY_SEC);
        final int secOfDay = (int)Math.floorMod(localSec, DAY_SEC);
        // 1970-01-01, local day 0, was a Thursday: Monday is 0.
        final int weekday = (int)Math.floorMod(day + 3, 7);
        final int yesterday = weekday == 0 ? 6 : weekday - 1;
        final int days = windowDays[window];
        final int from = windowFromSec[window];
        final int to = windowToSec[window];
        if (from < to)
        {
            return (days & 1 << weekday) != 0 && secOfDay >= from && secOfDay < to;
        }
        return (days & 1 << weekday) != 0 && secOfDay >= from || (days & 1 << yesterday) != 0 && secOfDay < to;
    }

    /** Seconds since the local epoch (the wall clock in the zone, counted as if it were UTC). */
    private long localSecond(final long timeNs)
    {
        final long epochSec = Math.floorDiv(startEpochNs + timeNs, SECOND_NS);
        if (epochSec < offsetValidFromSec || epochSec >= offsetValidUntilSec)
        {
            // Once per offset change of the zone: a fixed zone never comes back here.
            final Instant instant = Instant.ofEpochSecond(epochSec);
            offsetSec = zone.getOffset(instant).getTotalSeconds();
            final ZoneOffsetTransition next = zone.nextTransition(instant);
            final ZoneOffsetTransition previous = zone.previousTransition(instant.plusSeconds(1));
            offsetValidUntilSec = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            offsetValidFromSec = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
        }
        return epochSec + offsetSec;
    }

    /**
     * One entry of the schedule.
     *
     * @param daysMask    the days it starts on, bit 0 Monday to bit 6 Sunday.
     * @param fromSec     start, seconds of the day, in [0, 86400).
     * @param toSec       end (exclusive), seconds of the day, in (0, 86400]; below {@code fromSec}: the next day.
     * @param minReplicas the floor while it is open.
     * @param maxReplicas the ceiling while it is open.
     */
    public record Window(int daysMask, int fromSec, int toSec, int minReplicas, int maxReplicas)
    {
    }

    /**
     * @param text days as written: a day ({@code mon}), a range ({@code mon-fri}; {@code fri-mon} wraps), a
     *             comma-separated list of those, or {@code *} for every day.
     * @return the days as a bit mask, bit 0 Monday.
     * @throws IllegalArgumentException (its message continues the quoted text) if it is none of these.
     */
    static int parseDays(final String text)
    {
        final String bad = "is not a list of days such as mon-fri or sat,sun (days: mon, tue, wed, thu, fri, sat, " +
            "sun; ranges with '-'; '*' for every day)";
        final String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("*"))
        {
            return 0x7f;
        }
        int mask = 0;
        for (final String part : trimmed.split(",", -1))
        {
            final String[] ends = part.trim().split("-", -1);
            if (ends.length > 2)
            {
                throw new IllegalArgumentException(bad);
            }
            final int first = dayIndex(ends[0].trim(), bad);
            final int last = ends.length == 2 ? dayIndex(ends[1].trim(), bad) : first;
            for (int d = first; ; d = (d + 1) % 7)
            {
                mask |= 1 << d;
                if (d == last)
                {
                    break;
                }
            }
        }
        return mask;
    }

    private static int dayIndex(final String name, final String bad)
    {
        for (int i = 0; i < DAY_NAMES.length; i++)
        {
            if (DAY_NAMES[i].equals(name))
            {
                return i;
            }
        }
        throw new IllegalArgumentException(bad);
    }

    /**
     * @param text a time of day as written, {@code HH:MM} from {@code 00:00} to {@code 24:00}.
     * @return seconds of the day.
     * @throws IllegalArgumentException (its message continues the quoted text) if it is not one.
     */
    static int parseTimeOfDay(final String text)
    {
        final String t = text.trim();
        if (t.matches("\\d{1,2}:\\d{2}"))
        {
            final int colon = t.indexOf(':');
            final int hours = Integer.parseInt(t.substring(0, colon));
            final int minutes = Integer.parseInt(t.substring(colon + 1));
            if (minutes < 60 && (hours < 24 || hours == 24 && minutes == 0))
            {
                return hours * 3600 + minutes * 60;
            }
        }
        throw new IllegalArgumentException("is not a time of day HH:MM from 00:00 to 24:00 (quote it in YAML: " +
            "\"08:00\")");
    }

    /**
     * @param text a time zone as written: {@code UTC}, an offset ({@code +02:00}) or an IANA name
     *             ({@code Europe/Paris}).
     * @return the zone.
     * @throws IllegalArgumentException (its message continues the quoted text) if it is not one.
     */
    static ZoneId parseZone(final String text)
    {
        try
        {
            return ZoneId.of(text.trim());
        }
        catch (final DateTimeException e)
        {
            throw new IllegalArgumentException("is not a time zone (UTC, an offset such as +02:00, or an IANA name " +
                "such as Europe/Paris)", e);
        }
    }

    /** Registry entry: {@code type: scheduled}. */
    public static final class Provider extends PolicyProvider<Autoscaler>
    {
        private static final PolicyParameter WINDOWS = PolicyParameter.entries("windows",
                PolicyParameter.text("days", "days such as mon-fri, sat,sun or *", ScheduledAutoscaler::parseDays)
                    .defaultValue("*").doc("the days the window starts on").build(),
                PolicyParameter.text("from", "HH:MM", ScheduledAutoscaler::parseTimeOfDay)
                    .doc("local time the window opens").build(),
                PolicyParameter.text("to", "HH:MM, up to 24:00", ScheduledAutoscaler::parseTimeOfDay)
                    .doc("local time the window closes (before from: the next day)").build(),
                PolicyParameter.integer("min", 0, 1_000_000).defaultValue(0).unit("replicas")
                    .doc("the floor while the window is open").build(),
                PolicyParameter.integer("max", 0, 1_000_000).defaultValue(1_000_000).atLeast("min").unit("replicas")
                    .doc("the ceiling while the window is open").build())
            .entryCheck(entry -> entry.getText("from").equals(entry.getText("to")) ?
                "opens and closes at the same time: for a whole day write from: \"00:00\", to: \"24:00\"" : null)
            .doc("replica floors and ceilings by weekday and local time of day").build();

        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.AUTOSCALER, "scheduled",
                "replica floors and ceilings by weekday and time of day (scale to zero at night), target " +
                    "tracking between them",
                ScalingLimits.withBounds(new PolicyParameter[] {
                    WINDOWS,
                    PolicyParameter.text("timezone", "UTC, +02:00 or an IANA name", ScheduledAutoscaler::parseZone)
                        .defaultValue("UTC").doc("the time zone of the windows' days and times").build(),
                    PolicyParameter.number("target", 0, 1).defaultValue(0.6).unit("share of workers")
                        .doc("between floor and ceiling, track the offered load at this share of the workers " +
                            "(0: the schedule alone)").build()},
                    0, false, 0, false));
        }

        @Override
        public Autoscaler create(final PolicyArguments arguments)
        {
            final List<Window> windows = arguments.getEntries("windows").stream()
                .map(e -> new Window((Integer)e.getText("days"), (Integer)e.getText("from"),
                    (Integer)e.getText("to"), e.getInt("min"), e.getInt("max")))
                .toList();
            return new ScheduledAutoscaler(windows, arguments.getDouble("target"), arguments.getInt("min"),
                arguments.getInt("max"), arguments.getDurationNs("upCooldown"),
                arguments.getDurationNs("downCooldown"), arguments.context().startEpochNs(),
                (ZoneId)arguments.getText("timezone"));
        }
    }
}

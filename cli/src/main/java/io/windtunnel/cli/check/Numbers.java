package io.windtunnel.cli.check;

import java.util.Locale;

/** Number formatting shared by the check's reports. */
final class Numbers
{
    private Numbers()
    {
    }

    /** A value at 6 significant digits, "none" for NaN. */
    static String format(final double value)
    {
        if (Double.isNaN(value))
        {
            return "none";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        return String.format(Locale.ROOT, "%.6g", value).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
            .replaceFirst("\\.(e|$)", "$1");
    }

    /** The signed change, relative when the baseline is not 0, else absolute. */
    static String change(final Finding finding)
    {
        final double relative = finding.relativeChange();
        if (Double.isNaN(finding.baseline()) || Double.isNaN(finding.now()))
        {
            return "no value on one side";
        }
        if (Double.isNaN(relative))
        {
            return String.format(Locale.ROOT, "%+g", finding.now() - finding.baseline());
        }
        return String.format(Locale.ROOT, "%+.2f%%", relative * 100);
    }
}

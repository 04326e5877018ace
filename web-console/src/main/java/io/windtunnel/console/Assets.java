package io.windtunnel.console;

import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The console's pages and scripts, read from the jar once at start-up into memory: the pages of this module, uPlot
 * from its WebJar ({@code org.webjars.npm:uplot}) and the chart code and style of {@code report.html}
 * ({@code report.js}, {@code report.css}, and a sweep report's {@code sweep.js} of the simulator), so the console
 * draws charts with the very code the reports use. Only the paths listed here are served; nothing is looked up by a
 * name from a request.
 * <p>
 * <b>Threading:</b> immutable after {@link #load()}.
 */
final class Assets
{
    private static final String PAGES = "io/windtunnel/console/web/";
    private static final String REPORT = "io/windtunnel/simulator/report/";

    private final Map<String, Asset> byPath;

    /**
     * One served file.
     *
     * @param type  its Content-Type.
     * @param bytes its content.
     */
    record Asset(String type, Buffer bytes)
    {
    }

    private Assets(final Map<String, Asset> byPath)
    {
        this.byPath = byPath;
    }

    /**
     * @return every page and script, read from the class path.
     * @throws IllegalStateException if one is missing from the jar (a build problem).
     */
    static Assets load()
    {
        final String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        final Map<String, Asset> map = new LinkedHashMap<>();
        final String html = "text/html; charset=utf-8";
        final String js = "text/javascript; charset=utf-8";
        final String css = "text/css; charset=utf-8";
        map.put("/", new Asset(html, read(PAGES + "index.html")));
        for (final String page : new String[] {"index.html", "run.html", "compare.html", "new.html", "sweep.html"})
        {
            map.put("/" + page, new Asset(html, read(PAGES + page)));
        }
        for (final String script : new String[] {"console.js", "runs.js", "run.js", "compare.js", "new.js", "sweeps.js",
            "sweep-page.js"})
        {
            map.put("/assets/" + script, new Asset(js, read(PAGES + script)));
        }
        map.put("/assets/console.css", new Asset(css, read(PAGES + "console.css")));
        map.put("/assets/report.js", new Asset(js, read(REPORT + "report.js")));
        map.put("/assets/report.css", new Asset(css, read(REPORT + "report.css")));
        map.put("/assets/sweep.js", new Asset(js, read(REPORT + "sweep.js")));
        map.put("/assets/uPlot.iife.min.js", new Asset(js, read(uplot + "uPlot.iife.min.js")));
        map.put("/assets/uPlot.min.css", new Asset(css, read(uplot + "uPlot.min.css")));
        return new Assets(map);
    }

    /**
     * @param path a request's normalized path.
     * @return the asset served there, or null.
     */
    Asset get(final String path)
    {
        return byPath.get(path);
    }

    private static String uplotVersion()
    {
        final Properties properties = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/uplot/pom.properties"))
        {
            properties.load(in);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static Buffer read(final String name)
    {
        try (InputStream in = resource(name))
        {
            return Buffer.buffer(in.readAllBytes());
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(final String name)
    {
        final InputStream in = Assets.class.getClassLoader().getResourceAsStream(name);
        if (in == null)
        {
            throw new IllegalStateException("resource " + name + " is missing from the class path");
        }
        return in;
    }
}

package io.windtunnel.cli;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Path;
import java.util.logging.Level;

/** Headless Chromium for the browser tests, from fixed paths: nothing is downloaded, no Selenium Manager is run. */
final class Chromium
{
    /** The browser (Debian's {@code chromium}); {@code -Dwindtunnel.chromium} overrides it. */
    static final Path BINARY = Path.of(System.getProperty("windtunnel.chromium", "/usr/bin/chromium"));
    /** Its driver (Debian's {@code chromium-driver}); {@code -Dwindtunnel.chromedriver} overrides it. */
    static final Path DRIVER = Path.of(System.getProperty("windtunnel.chromedriver", "/usr/bin/chromedriver"));

    private Chromium()
    {
    }

    /**
     * @param profile a fresh folder for the browser's profile.
     * @return a driver of headless Chromium (1400 x 1000) that keeps the browser console's log.
     */
    static ChromeDriver start(final Path profile)
    {
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1000");
        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
        return new ChromeDriver(service, options);
    }
}

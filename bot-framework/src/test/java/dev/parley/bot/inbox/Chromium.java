package dev.parley.bot.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium driven by its chromedriver (Debian: {@code chromium},
 * {@code chromium-driver}), with the driver path set explicitly so Selenium Manager never looks
 * for one to download. Without Chromium the test class is skipped with how to install it, unless
 * {@code PARLEY_REQUIRE_BROWSER=1}, where it fails. Not thread-safe: one per test class.
 */
final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of(System.getenv().getOrDefault("PARLEY_CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getenv().getOrDefault("PARLEY_CHROMEDRIVER", "/usr/bin/chromedriver"));

  /** Selenium's notes about DevTools versions are noise here: the tests speak WebDriver, not CDP. */
  private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

  final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser with a window of {@code width} × {@code height}, or skips (or fails) without one. */
  static Chromium start(int width, int height) {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      String message = "the inbox browser tests need Chromium and its driver at " + BINARY + " and " + DRIVER
          + ": apt-get install chromium chromium-driver (or set PARLEY_CHROMIUM and PARLEY_CHROMEDRIVER)";
      if ("1".equals(System.getenv("PARLEY_REQUIRE_BROWSER"))) {
        Assertions.fail(message + "; PARLEY_REQUIRE_BROWSER=1 makes this a failure");
      }
      Assumptions.abort(message);
    }
    SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    // Selenium Manager and its statistics must stay quiet: the driver is given explicitly.
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    System.setProperty("SE_AVOID_STATS", "true");
    try {
      Path profile = Files.createTempDirectory("parley-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BINARY.toFile());
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
          "--disable-dev-shm-usage", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
          "--lang=en-GB", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(DRIVER.toFile())
          .usingAnyFreePort()
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      return new Chromium(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // A temporary profile left behind is harmless.
      }
    }
  }
}

package dev.parley.bot.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Saves screenshots of the inbox as PNG files when {@code PARLEY_SCREENSHOTS_DIR} is set (as an
 * environment variable or a system property), such as {@code docs/screenshots}; does nothing
 * otherwise, so ordinary runs leave the working tree alone.
 */
final class Screenshots {
  private Screenshots() {}

  static void save(WebDriver driver, String name) {
    String directory = System.getProperty("PARLEY_SCREENSHOTS_DIR", System.getenv("PARLEY_SCREENSHOTS_DIR"));
    if (directory == null || directory.isBlank()) {
      return;
    }
    try {
      Path folder = Files.createDirectories(Path.of(directory));
      Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the screenshot " + name + " under " + directory, e);
    }
  }
}

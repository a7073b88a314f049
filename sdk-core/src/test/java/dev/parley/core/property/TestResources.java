package dev.parley.core.property;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real payloads for the property tests: a test resource of any module on the classpath, as UTF-8 text. */
public final class TestResources {
  private TestResources() {}

  /** The resource at {@code path} (absolute, such as {@code /fixtures/stripe/event.json}). */
  public static String text(String path) {
    try (InputStream in = TestResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

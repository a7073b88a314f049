package dev.parley.core.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Every store keeps instants to the microsecond, the precision of PostgreSQL's and H2's timestamps,
 * so a value reads back equal whichever store wrote it.
 */
final class Timestamps {
  private Timestamps() {}

  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}

package dev.parley.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The sandbox's notion of now: a base clock plus an offset tests move forward. Thread-safe. */
final class SandboxClock {
  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  SandboxClock(Clock base) {
    this.base = base;
  }

  Instant now() {
    return base.instant().plus(offset.get());
  }

  void advance(Duration by) {
    offset.accumulateAndGet(by, Duration::plus);
  }
}

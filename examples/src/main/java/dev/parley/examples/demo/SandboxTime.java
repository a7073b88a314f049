package dev.parley.examples.demo;

import dev.parley.testkit.PlatformSandbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The sandbox's time as a {@link Clock}, for everything on Parley's side of the demo (the bot
 * server, the send path's window, Stripe's signature check): when the story moves the sandbox a
 * day on, the 24-hour window closes on both sides at once. Thread-safe.
 */
final class SandboxTime extends Clock {
  private final PlatformSandbox sandbox;
  private final ZoneId zone;

  SandboxTime(PlatformSandbox sandbox) {
    this(sandbox, ZoneOffset.UTC);
  }

  private SandboxTime(PlatformSandbox sandbox, ZoneId zone) {
    this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  @Override
  public Instant instant() {
    return sandbox.now();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new SandboxTime(sandbox, other);
  }
}

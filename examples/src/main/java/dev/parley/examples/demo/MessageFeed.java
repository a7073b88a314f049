package dev.parley.examples.demo;

import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.SentMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Follows what the sandbox accepted from Parley and prints each new message once, as said by whoever
 * acted in that part of the story (the shop, the bot, an agent). Waits for the asynchronous side of
 * Parley (webhook turns, outboxes) to settle, so the transcript reads in order. Not thread-safe.
 */
final class MessageFeed {
  /**
   * How long without a new message, and with empty outboxes, counts as settled: several times the
   * outboxes' poll interval (20 ms for the bot, 50 ms for the shop), paid at every step of the story.
   */
  private static final Duration QUIET = Duration.ofMillis(120);
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final PlatformSandbox sandbox;
  private final Transcript transcript;
  private final BooleanSupplier outboxesBusy;
  private int printed;

  MessageFeed(PlatformSandbox sandbox, Transcript transcript, BooleanSupplier outboxesBusy) {
    this.sandbox = sandbox;
    this.transcript = transcript;
    this.outboxesBusy = outboxesBusy;
    this.printed = sandbox.sentMessages().size();
  }

  /** Waits for a message that matches, then for quiet, and prints everything new as said by {@code speaker}. */
  List<SentMessage> await(String speaker, Predicate<SentMessage> matching) {
    sandbox.awaitSentMessage(m -> sandbox.sentMessages().indexOf(m) >= printed && matching.test(m), PATIENCE);
    return settle(speaker);
  }

  /** Waits until nothing more is coming, and prints everything new as said by {@code speaker}. */
  List<SentMessage> settle(String speaker) {
    Instant deadline = Instant.now().plus(PATIENCE);
    int seen = -1;
    Instant quietSince = Instant.now();
    while (Instant.now().isBefore(deadline)) {
      int now = sandbox.sentMessages().size();
      if (now != seen || outboxesBusy.getAsBoolean()) {
        seen = now;
        quietSince = Instant.now();
      } else if (Duration.between(quietSince, Instant.now()).compareTo(QUIET) >= 0) {
        break;
      }
      pause();
    }
    List<SentMessage> all = sandbox.sentMessages();
    List<SentMessage> fresh = List.copyOf(all.subList(printed, all.size()));
    printed = all.size();
    fresh.forEach(message -> transcript.business(speaker, message));
    return fresh;
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Parley's messages", e);
    }
  }
}

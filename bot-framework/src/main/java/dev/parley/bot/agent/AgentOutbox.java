package dev.parley.bot.agent;

import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.core.OutsideWindowException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.RecipientUnavailableException;
import dev.parley.core.SendOptions;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.message.Message;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.outbox.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what an agent writes through the outbox, behind every notice already queued for the
 * customer (Parley's promise: a customer receives messages in the order they were decided), while
 * keeping what a direct send gave the agent: a policy refusal at once and in words, the platform's
 * verdict when it comes within the wait. The outbox picks the {@code HUMAN_AGENT} policy from the
 * conversation's owner, so the agent must own the conversation before {@link #send}. Thread-safe.
 */
final class AgentOutbox {
  private static final Logger log = LoggerFactory.getLogger(AgentOutbox.class);
  private static final long POLL_MILLIS = 10;

  private final Parley parley;
  private final Outbox outbox;
  private final ConversationStore conversations;
  private final Duration wait;
  private final Clock clock;

  AgentOutbox(Parley parley, Outbox outbox, ConversationStore conversations, Duration wait, Clock clock) {
    this.parley = parley;
    this.outbox = outbox;
    this.conversations = conversations;
    this.wait = wait;
    this.clock = clock;
  }

  /**
   * REFUSED_BY_POLICY (or PLATFORM) unless {@code message} may go to the customer now, as a human
   * agent's message when {@code humanAgent} (what the outbox does while an agent owns the conversation).
   */
  void requireAllowed(Recipient to, Message message, boolean humanAgent, String what) {
    try {
      parley.requireAllowed(to, message, humanAgent ? SendOptions.humanAgentReply() : SendOptions.DEFAULT);
    } catch (OutsideWindowException e) {
      throw new DeskException(Problem.REFUSED_BY_POLICY, "the " + what + " was not sent: " + e.getMessage(), e);
    } catch (ParleyException e) {
      throw new DeskException(Problem.PLATFORM, "the " + what + " was not sent: " + e.getMessage(), e);
    }
  }

  /** True if a message was already queued under {@code dedupKey} (a retried request). */
  boolean queued(String dedupKey) {
    return conversations.outbox().findByDedupKey(dedupKey).isPresent();
  }

  /**
   * Adds {@code message} to the transcript as PENDING, queues it under {@code dedupKey} and waits up
   * to the wait for the outbox: the line comes back SENT once the platform took it, or still PENDING
   * when earlier messages hold it up (it goes out in its turn). A message the outbox parks is a
   * DeskException: REFUSED_BY_POLICY when the platform refused it for the window or the recipient,
   * PLATFORM otherwise.
   */
  StoredMessage send(Recipient to, Message message, Author author, String summary, String dedupKey, String what) {
    StoredMessage line = conversations.append(NewMessage.outbound(to, author, summary, null, null, clock.instant()));
    OutboxEntry entry;
    try {
      entry = outbox.enqueue(to, message, dedupKey, line.id());
    } catch (ParleyException e) {
      throw new DeskException(Problem.PLATFORM, "the " + what + " was not sent: " + e.getMessage(), e);
    }
    OutboxEntry finished = awaitFinished(entry);
    if (finished.state() == OutboxEntry.State.PARKED) {
      throw parked(finished.lastError(), what);
    }
    if (finished.state() != OutboxEntry.State.DELIVERED) {
      log.info("the {} to {} is queued behind earlier messages after {}; it goes out in its turn", what, to.key(),
          wait);
    }
    List<StoredMessage> now = conversations.history(line.customerId(), line.id() + 1, 1).messages();
    return now.isEmpty() || now.get(0).id() != line.id() ? line : now.get(0);
  }

  private OutboxEntry awaitFinished(OutboxEntry entry) {
    long deadline = System.nanoTime() + wait.toNanos();
    OutboxEntry current = entry;
    while (!finished(current) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      current = conversations.outbox().find(entry.id()).orElse(current);
    }
    return current;
  }

  private static boolean finished(OutboxEntry entry) {
    return entry.state() == OutboxEntry.State.DELIVERED || entry.state() == OutboxEntry.State.PARKED;
  }

  /**
   * The outbox records a parked entry's reason as {@code SimpleClassName: message} of the send
   * path's exception: the class says whether the agent may do something about it.
   */
  private static DeskException parked(String reason, String what) {
    String why = reason == null ? "the platform refused it" : reason;
    for (Class<?> policy : List.of(OutsideWindowException.class, RecipientUnavailableException.class)) {
      String prefix = policy.getSimpleName() + ": ";
      if (why.startsWith(prefix)) {
        return new DeskException(Problem.REFUSED_BY_POLICY, "the " + what + " was not sent: "
            + why.substring(prefix.length()));
      }
    }
    return new DeskException(Problem.PLATFORM, "the " + what + " was not sent: " + why);
  }
}

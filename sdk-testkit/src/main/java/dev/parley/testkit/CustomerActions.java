package dev.parley.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What both kinds of played customer share: their state, the window they open by writing, the
 * choices offered to them, and waiting for messages. State is read and changed under the
 * {@link GraphState} monitor; webhooks go out after it is released, so a receiver that answers at
 * once does not wait on the sandbox. Thread-safe.
 */
final class CustomerActions {
  final CustomerState state;
  final GraphState graph;
  final MetaWebhooks webhooks;
  final SandboxClock clock;

  CustomerActions(CustomerState state, GraphState graph, MetaWebhooks webhooks, SandboxClock clock) {
    this.state = state;
    this.graph = graph;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /** Notes that the customer wrote now (opening the window) and returns that instant. */
  Instant wrote(String inboundMessageId) {
    synchronized (graph) {
      Instant now = clock.now();
      state.lastInbound = now;
      if (inboundMessageId != null) {
        state.inboundMessageIds.add(inboundMessageId);
      }
      return now;
    }
  }

  /** The newest offered choice of one of these kinds with this title. */
  CustomerState.OfferedChoice offered(String title, List<String> kinds, String what) {
    synchronized (graph) {
      for (int i = state.offered.size() - 1; i >= 0; i--) {
        CustomerState.OfferedChoice c = state.offered.get(i);
        if (c.title().equals(title) && kinds.contains(c.kind())) {
          return c;
        }
      }
      List<String> titles = state.offered.stream().filter(c -> kinds.contains(c.kind()))
          .map(CustomerState.OfferedChoice::title).distinct().toList();
      throw new AssertionError("no " + what + " titled '" + title + "' was offered to " + state.userId
          + "; offered: " + titles);
    }
  }

  /** Messages sent to the customer that are not yet marked delivered (or read), and marks them. */
  List<SentMessage> takeUndelivered(boolean read) {
    synchronized (graph) {
      int from = read ? state.readCount : state.deliveredCount;
      List<SentMessage> pending = List.copyOf(state.received.subList(from, state.received.size()));
      if (read) {
        state.readCount = state.received.size();
      }
      state.deliveredCount = Math.max(state.deliveredCount, state.received.size());
      return pending;
    }
  }

  boolean ownedByOtherApp() {
    synchronized (graph) {
      return !graph.appId().equals(state.threadOwnerAppId);
    }
  }

  List<SentMessage> received() {
    return graph.received(state);
  }

  List<SentMessage> awaitReceived(int count, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException("count " + count + " must be at least 1");
    }
    try {
      return graph.awaitReceived(state, count, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for messages", e);
    }
  }

  void setAvailable(boolean available) {
    synchronized (graph) {
      state.available = available;
    }
  }

  Instant lastMessageAt() {
    synchronized (graph) {
      return state.lastInbound;
    }
  }

  static String requireText(String field, String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return text;
  }
}

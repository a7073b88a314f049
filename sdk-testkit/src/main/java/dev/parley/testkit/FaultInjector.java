package dev.parley.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The faults in force and their remaining counts and random draws. Thread-safe. */
final class FaultInjector {
  private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

  /** A fault in force, with its own countdown and seeded generator. */
  static final class Active {
    final Fault fault;
    private final Random random;
    private int remaining;

    Active(Fault fault) {
      this.fault = fault;
      this.random = new Random(fault.seed);
      this.remaining = fault.times;
    }

    /** Whether the fault hits this match; consumes one of its {@code times} when it does. */
    synchronized boolean fires() {
      if (remaining == 0) {
        return false;
      }
      if (fault.probability < 1.0 && random.nextDouble() >= fault.probability) {
        return false;
      }
      if (remaining > 0) {
        remaining--;
      }
      return true;
    }

    synchronized boolean spent() {
      return remaining == 0;
    }

    synchronized void spend() {
      remaining = 0;
    }
  }

  /** What to do to one request: wait, then maybe fail it in one way. */
  record RequestPlan(Duration latency, Fault failure) {}

  private final List<Active> active = new CopyOnWriteArrayList<>();

  void add(Fault fault) {
    active.add(new Active(fault));
    log.info("Sandbox fault injected: {}", fault);
  }

  void clear() {
    active.clear();
  }

  RequestPlan planRequest(String path) {
    Duration latency = Duration.ZERO;
    Fault failure = null;
    for (Active a : active) {
      Fault f = a.fault;
      if (f.kind.isWebhookFault() || !f.matches(path)) {
        continue;
      }
      if (f.kind == Fault.Kind.LATENCY) {
        if (a.fires()) {
          latency = latency.plus(f.duration);
        }
      } else if (failure == null && a.fires()) {
        failure = f;
      }
    }
    active.removeIf(Active::spent);
    return new RequestPlan(latency, failure);
  }

  /** Whether a webhook to this path should be delivered twice. */
  boolean duplicateWebhook(String path) {
    boolean duplicate = false;
    for (Active a : active) {
      if (a.fault.kind == Fault.Kind.DUPLICATE_WEBHOOKS && a.fault.matches(path) && a.fires()) {
        duplicate = true;
        break;
      }
    }
    active.removeIf(Active::spent);
    return duplicate;
  }

  /** The reorder fault that holds a webhook to this path, or null. */
  Active reorderingFor(String path) {
    for (Active a : active) {
      if (a.fault.kind == Fault.Kind.REORDER_WEBHOOKS && a.fault.matches(path) && !a.spent()) {
        return a;
      }
    }
    return null;
  }

  void remove(Active fault) {
    active.remove(fault);
  }
}

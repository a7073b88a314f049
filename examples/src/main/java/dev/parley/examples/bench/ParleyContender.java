package dev.parley.examples.bench;

import dev.parley.core.InMemoryLastInboundTimes;
import dev.parley.core.Parley;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import dev.parley.core.message.Message;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parley as a merchant uses it: one client for all pages, {@link Parley#sendAsync} for every message
 * at once, the policy reading the customers' windows from memory, the rate limits on. Each customer
 * of a plan wrote a minute before the plan's first round, so a text goes as a response (a run
 * lasts minutes, far inside the 24-hour window).
 */
final class ParleyContender implements Contender {
  private final Parley parley;
  private final InMemoryLastInboundTimes windows = new InMemoryLastInboundTimes();
  /** The plans whose customers' windows are recorded: once per plan, not in every round it runs. */
  private final Set<SendPlan> recorded = Collections.newSetFromMap(new IdentityHashMap<>());

  ParleyContender(String baseUrl, int pages, int concurrency, RateLimits limits) {
    Parley.Builder builder = Parley.builder()
        .graphApiBase(baseUrl)
        .maxConcurrentRequests(concurrency)
        .rateLimits(limits)
        .lastInboundTimes(windows);
    for (int page = 0; page < pages; page++) {
      builder.messengerPage(SendPlan.pageId(page), SendPlan.pageToken(page));
    }
    this.parley = builder.build();
  }

  @Override
  public SendTally send(SendPlan plan) throws InterruptedException {
    if (recorded.add(plan)) {
      // the fixture, not part of a send: a round's CPU time per send should not count it again and again
      Instant wrote = Instant.now().minusSeconds(60);
      for (SendPlan.Send send : plan.sends()) {
        windows.record(Recipient.messenger(SendPlan.pageId(send.page()), send.psid()), wrote);
      }
    }
    CountDownLatch done = new CountDownLatch(plan.size());
    AtomicLong delivered = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    for (SendPlan.Send send : plan.sends()) {
      Recipient recipient = Recipient.messenger(SendPlan.pageId(send.page()), send.psid());
      parley.sendAsync(recipient, Message.text(send.text())).whenComplete((receipt, error) -> {
        (error == null ? delivered : failed).incrementAndGet();
        done.countDown();
      });
    }
    done.await();
    return new SendTally(delivered.get(), failed.get(), System.nanoTime() - start);
  }

  @Override
  public void close() {
    // Parley holds no resource to release: its worker threads end after a minute idle.
  }
}

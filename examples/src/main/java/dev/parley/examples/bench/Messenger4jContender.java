package dev.parley.examples.bench;

import com.github.messenger4j.Messenger;
import com.github.messenger4j.exception.MessengerApiException;
import com.github.messenger4j.exception.MessengerIOException;
import com.github.messenger4j.send.MessagePayload;
import com.github.messenger4j.send.MessagingType;
import com.github.messenger4j.send.message.TextMessage;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer, messenger4j 1.1.0, as its users run it: its {@code send} blocks, so concurrency is a
 * pool of {@code threads} threads, each taking the next send of the plan. One {@link Messenger} per
 * page (it holds one page token), all over one {@link Messenger4jTransport}. It has no rate limit
 * and no retry: an error answer is a failed send.
 */
final class Messenger4jContender implements Contender {
  private static final String APP_SECRET = "bench-app-secret";

  private final Messenger[] messengers;
  private final Messenger4jTransport transport;
  private final ExecutorService threads;
  private final int threadCount;

  Messenger4jContender(String baseUrl, int pages, int threadCount) {
    this.transport = new Messenger4jTransport(baseUrl, threadCount);
    this.messengers = new Messenger[pages];
    for (int page = 0; page < pages; page++) {
      messengers[page] = Messenger.create(SendPlan.pageToken(page), APP_SECRET, "bench-verify-token",
          Optional.of(transport));
    }
    this.threadCount = threadCount;
    this.threads = Executors.newFixedThreadPool(threadCount, runnable -> {
      Thread thread = new Thread(runnable, "bench-messenger4j");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public SendTally send(SendPlan plan) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong delivered = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threadCount);
    long start = System.nanoTime();
    for (int t = 0; t < threadCount; t++) {
      threads.execute(() -> {
        try {
          for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
            SendPlan.Send send = plan.sends().get(i);
            try {
              messengers[send.page()].send(MessagePayload.create(send.psid(), MessagingType.RESPONSE,
                  TextMessage.create(send.text())));
              delivered.incrementAndGet();
            } catch (MessengerApiException | MessengerIOException | RuntimeException e) {
              failed.incrementAndGet();
            }
          }
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    return new SendTally(delivered.get(), failed.get(), System.nanoTime() - start);
  }

  @Override
  public void close() {
    threads.shutdownNow();
    transport.close();
  }
}

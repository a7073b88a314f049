package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import dev.parley.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the conversation store contract: a fresh store per test on a {@link TestClock}, the
 * customers the tests talk about, and a way to run work on several threads at once. Each store
 * implementation's test class extends {@link ConversationStoreContract} and opens its store.
 */
abstract class StoreContractSupport {
  static final Recipient ADA_MESSENGER = Recipient.messenger("1001", "psid-ada");
  static final Recipient ADA_WHATSAPP = Recipient.whatsApp("2002", "15550001111");
  static final Recipient ADA_OTHER_PAGE = Recipient.messenger("1009", "psid-ada-9");
  static final Recipient BOB = Recipient.messenger("1001", "psid-bob");

  protected final TestClock clock = new TestClock();
  protected ConversationStore store;

  /** A new, empty store of the implementation under test, stamping times from {@code clock}. */
  protected abstract ConversationStore openStore(TestClock clock);

  @BeforeEach
  void openFreshStore() {
    store = openStore(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  Instant minutesAgo(long minutes) {
    return clock.instant().minus(Duration.ofMinutes(minutes));
  }

  StoredMessage customerSays(Recipient from, String text, String mid, Instant at) {
    return store.append(NewMessage.inbound(from, text, "{\"text\":\"" + text + "\"}", mid, at));
  }

  StoredMessage botSays(Recipient to, String text, String mid, Instant at) {
    return store.append(NewMessage.outbound(to, Author.bot(), text, "{\"kind\":\"text\"}", mid, at));
  }

  List<String> summaries(MessagePage page) {
    return page.messages().stream().map(StoredMessage::summary).toList();
  }

  /**
   * Returns once {@code waiter}'s thread waits to hold a conversation the calling thread holds. This
   * default watches the thread's state (blocked on a monitor or a lock wait); a store that waits on a
   * socket tells otherwise. A waiter that never gets there lets the test go on: it then checks less,
   * never falsely.
   */
  void awaitWaitingForTheHold(AtomicReference<Thread> waiter) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      Thread thread = waiter.get();
      if (thread != null && thread.getState() != Thread.State.RUNNABLE && thread.getState() != Thread.State.NEW) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  /** Runs {@code task} on {@code threads} threads at once and returns their results. */
  static <T> List<T> onThreads(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}

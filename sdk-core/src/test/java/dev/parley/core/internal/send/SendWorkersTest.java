package dev.parley.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** How far a caller may run ahead of the send workers, and who never waits. */
class SendWorkersTest {
  private static final Duration LONG = Duration.ofHours(1);

  @Test
  void aCallerFarAheadWaitsUntilTheLineIsDownToItsLowMark() throws Exception {
    SendWorkers workers = new SendWorkers(1, 4, 2, LONG);
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    workers.execute(() -> {
      busy.countDown();
      await(release);
    });
    busy.await();
    for (int i = 0; i < 4; i++) {
      workers.execute(() -> {});
    }
    Thread atTheMark = new Thread(workers::awaitRoom);
    atTheMark.start();
    atTheMark.join();
    workers.execute(() -> {}); // 5 waiting: over the high mark
    Thread caller = new Thread(workers::awaitRoom);
    caller.start();
    assertSame(Thread.State.TIMED_WAITING, settledState(caller), "the caller waits for room");
    release.countDown();
    caller.join();
    assertTrue(workers.waiting() <= 2, "it went on once the line was down to 2: " + workers.waiting());
  }

  @Test
  void parleysOwnThreadsNeverWait() throws Exception {
    SendWorkers workers = new SendWorkers(1, 1, 0, LONG);
    CountDownLatch release = new CountDownLatch(1);
    workers.execute(() -> await(release));
    for (int i = 0; i < 3; i++) {
      workers.execute(() -> {});
    }
    Thread own = new SendWorkers.SendThread(workers::awaitRoom, "parley-send-test");
    own.start();
    assertSame(Thread.State.TERMINATED, settledState(own), "a worker or callback thread may be the one that makes room");
    release.countDown();
  }

  @Test
  void noWaitOutlastsTheMaximum() throws Exception {
    SendWorkers workers = new SendWorkers(1, 1, 0, Duration.ofMillis(1));
    CountDownLatch release = new CountDownLatch(1);
    workers.execute(() -> await(release));
    for (int i = 0; i < 3; i++) {
      workers.execute(() -> {});
    }
    Thread caller = new Thread(workers::awaitRoom);
    caller.start();
    caller.join(); // stuck workers slow a caller down, never hold it for good
    assertEquals(3, workers.waiting());
    release.countDown();
  }

  /** The thread's state once it either finished or parked. */
  private static Thread.State settledState(Thread thread) throws InterruptedException {
    while (true) {
      Thread.State state = thread.getState();
      if (state == Thread.State.TERMINATED || state == Thread.State.TIMED_WAITING || state == Thread.State.WAITING) {
        return state;
      }
      Thread.sleep(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.parley.core.media;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.parley.core.send.VirtualTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;

/** What the media tests share: the MockWebServer playing the Graph API, and the virtual clock of the client. */
final class GraphRig {
  private final MockWebServer server;
  private final VirtualTime time;

  /**
   * Makes {@code server} answer an unexpected request with a 404 at once, so a check that lets a bad call
   * through fails rather than hangs.
   */
  GraphRig(MockWebServer server, VirtualTime time) {
    this.server = server;
    this.time = time;
    QueueDispatcher dispatcher = new QueueDispatcher();
    dispatcher.setFailFast(true);
    server.setDispatcher(dispatcher);
  }

  /** The value of {@code future}, with virtual time driven until it completes; its failure is thrown as itself. */
  <T> T driven(CompletableFuture<T> future) throws Exception {
    time.drive(future);
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  /** The next request the server received, within 10 s. */
  RecordedRequest next() throws InterruptedException {
    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    assertNotNull(request, "no request reached the server");
    return request;
  }
}

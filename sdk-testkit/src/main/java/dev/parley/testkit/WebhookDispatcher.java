package dev.parley.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts signed webhooks, one at a time and in submission order, on its own thread, applying the
 * webhook faults (duplicates, reordering) and keeping the history. Thread-safe.
 */
final class WebhookDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** A webhook ready to go: already serialized and signed. */
  record Outgoing(String kind, String eventId, URI target, byte[] body, String signatureHeaderName,
      String signature, String userAgent) {}

  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "parley-sandbox-webhooks");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http;
  private final Duration timeout;
  private final FaultInjector faults;
  private final AtomicLong sequence = new AtomicLong();
  private final List<WebhookDelivery> history = Collections.synchronizedList(new ArrayList<>());
  /** Batches held by reorder faults; touched only on the executor thread. */
  private final Map<FaultInjector.Active, List<Outgoing>> held = new LinkedHashMap<>();

  WebhookDispatcher(FaultInjector faults, Duration timeout) {
    this.faults = faults;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
  }

  /** Queues a webhook; the future completes once it was delivered (or held, or found no target). */
  CompletableFuture<WebhookDelivery> submit(Outgoing webhook) {
    return CompletableFuture.supplyAsync(() -> dispatch(webhook), executor);
  }

  /** Queues a webhook and waits for its delivery. */
  WebhookDelivery deliver(Outgoing webhook) {
    return await(submit(webhook));
  }

  /** Sends every held batch now, newest first, and waits for it. */
  void releaseHeld() {
    await(CompletableFuture.supplyAsync(() -> {
      List<FaultInjector.Active> batches = new ArrayList<>(held.keySet());
      for (FaultInjector.Active batch : batches) {
        faults.remove(batch);
        sendReversed(held.remove(batch));
      }
      return null;
    }, executor));
  }

  /** Waits until every webhook queued so far was delivered. */
  void awaitIdle(Duration within) {
    try {
      CompletableFuture.runAsync(() -> {}, executor).get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for webhook deliveries", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("webhook deliveries still running after " + within, e);
    }
  }

  List<WebhookDelivery> history() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  private WebhookDelivery dispatch(Outgoing webhook) {
    if (webhook.target() == null) {
      return record(webhook, WebhookDelivery.State.NO_TARGET, 0, false);
    }
    String path = webhook.target().getPath();
    FaultInjector.Active reorder = faults.reorderingFor(path);
    if (reorder != null) {
      List<Outgoing> batch = held.computeIfAbsent(reorder, k -> new ArrayList<>());
      batch.add(webhook);
      if (batch.size() < reorder.fault.batchSize) {
        return unrecorded(webhook, WebhookDelivery.State.HELD);
      }
      reorder.spend();
      faults.remove(reorder);
      held.remove(reorder);
      List<WebhookDelivery> sent = sendReversed(batch);
      return sent.get(0);
    }
    return send(webhook);
  }

  private List<WebhookDelivery> sendReversed(List<Outgoing> batch) {
    List<WebhookDelivery> sent = new ArrayList<>();
    for (int i = batch.size() - 1; i >= 0; i--) {
      sent.add(send(batch.get(i)));
    }
    return sent;
  }

  private WebhookDelivery send(Outgoing webhook) {
    boolean duplicate = faults.duplicateWebhook(webhook.target().getPath());
    WebhookDelivery first = post(webhook, false);
    if (duplicate) {
      post(webhook, true);
    }
    return first;
  }

  private WebhookDelivery post(Outgoing webhook, boolean duplicate) {
    HttpRequest request = HttpRequest.newBuilder(webhook.target())
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", webhook.userAgent())
        .header(webhook.signatureHeaderName(), webhook.signature())
        .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()))
        .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 300) {
        log.warn("Sandbox webhook {} to {} answered {}", webhook.kind(), webhook.target(), response.statusCode());
      }
      return record(webhook, WebhookDelivery.State.ANSWERED, response.statusCode(), duplicate);
    } catch (IOException e) {
      log.warn("Sandbox webhook {} to {} failed: {}", webhook.kind(), webhook.target(), e.toString());
      return record(webhook, WebhookDelivery.State.FAILED, 0, duplicate);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return record(webhook, WebhookDelivery.State.FAILED, 0, duplicate);
    }
  }

  private WebhookDelivery record(Outgoing webhook, WebhookDelivery.State state, int status, boolean duplicate) {
    WebhookDelivery delivery = new WebhookDelivery(sequence.incrementAndGet(), webhook.kind(), webhook.eventId(),
        webhook.target() == null ? null : webhook.target().toString(),
        new String(webhook.body(), StandardCharsets.UTF_8), webhook.signature(), state, status, duplicate);
    history.add(delivery);
    return delivery;
  }

  private static WebhookDelivery unrecorded(Outgoing webhook, WebhookDelivery.State state) {
    return new WebhookDelivery(0, webhook.kind(), webhook.eventId(), webhook.target().toString(),
        new String(webhook.body(), StandardCharsets.UTF_8), webhook.signature(), state, 0, false);
  }

  private WebhookDelivery await(CompletableFuture<WebhookDelivery> future) {
    try {
      return future.get(timeout.toMillis() * 4 + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while delivering a webhook", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("webhook delivery failed inside the sandbox", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("webhook delivery did not finish; is the endpoint hanging?", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

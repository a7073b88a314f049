package dev.parley.core.internal.send;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.Channel;
import dev.parley.core.ConnectionException;
import dev.parley.core.DelayScheduler;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.SendReceipt;
import dev.parley.core.SenderAction;
import dev.parley.core.message.Media;
import dev.parley.core.message.MediaType;
import dev.parley.core.message.Message;
import dev.parley.core.message.Text;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The send path behind {@code Parley}: messaging policy, rendering, rate limits, HTTP and retries.
 * HTTP calls are blocking calls made on a fixed pool of {@code maxConcurrentRequests} worker
 * threads fed by a queue (cheaper than OkHttp's asynchronous dispatch, and the bound on requests in
 * flight); callers block only when far ahead of the workers ({@link SendWorkers}). One OkHttp client (connection pool) serves every engine derived from
 * the first, and so does the worker pool unless the concurrency limit changes.
 *
 * <p>Public for wiring only. Thread-safe.
 */
public final class SendEngine {
  private static volatile ScheduledThreadPoolExecutor defaultScheduler;

  private final SendConfig config;
  private final OkHttpClient client;
  private final SendWorkers workers;
  private final SendRateLimits rateLimits;
  private final DelayScheduler scheduler;
  private final GraphEndpoints endpoints;
  private final MessagingPolicy policy;
  private final MessengerRenderer messenger;
  private final WhatsAppRenderer whatsApp;

  private SendEngine(SendConfig config, OkHttpClient client, SendWorkers workers, SendRateLimits rateLimits,
      DelayScheduler scheduler) {
    this.config = config;
    this.client = client;
    this.workers = workers;
    this.rateLimits = rateLimits;
    this.scheduler = scheduler;
    this.endpoints = new GraphEndpoints(config);
    this.policy = new MessagingPolicy(config.utilityTemplates());
    FallbackText fallback = new FallbackText(config.locale());
    this.messenger = new MessengerRenderer(fallback);
    this.whatsApp = new WhatsAppRenderer(fallback);
  }

  public static SendEngine create(SendConfig config) {
    OkHttpClient client = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(config.maxConcurrentRequests(), 5, TimeUnit.MINUTES))
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.callTimeout())
        .writeTimeout(config.callTimeout())
        .callTimeout(config.callTimeout())
        .build();
    DelayScheduler scheduler = scheduler(config);
    return new SendEngine(config, client, SendWorkers.of(config.maxConcurrentRequests()),
        new SendRateLimits(config.rateLimits(), config.clock(), scheduler), scheduler);
  }

  /**
   * An engine for another configuration sharing this one's connection pool, its worker pool (unless
   * the concurrency limit changed) and its rate-limit state (unless the limits, the clock or the
   * scheduler changed).
   */
  public SendEngine derive(SendConfig derived) {
    OkHttpClient derivedClient = client.newBuilder()
        .connectTimeout(derived.connectTimeout())
        .readTimeout(derived.callTimeout())
        .writeTimeout(derived.callTimeout())
        .callTimeout(derived.callTimeout())
        .build();
    SendWorkers derivedWorkers = derived.maxConcurrentRequests() == config.maxConcurrentRequests()
        ? workers : SendWorkers.of(derived.maxConcurrentRequests());
    DelayScheduler derivedScheduler = derived.scheduler() == config.scheduler() ? scheduler : scheduler(derived);
    SendRateLimits limits = rateLimits.serves(derived.rateLimits(), derived.clock(), derivedScheduler)
        ? rateLimits : new SendRateLimits(derived.rateLimits(), derived.clock(), derivedScheduler);
    return new SendEngine(derived, derivedClient, derivedWorkers, limits, derivedScheduler);
  }

  /**
   * What {@link #send} checks before any HTTP request (the account, the messaging policy now, the
   * rendering), without sending; throws what the send would fail with.
   */
  public void check(Recipient recipient, Message message, SendOptions options) {
    sender(recipient);
    render(recipient, policy.decide(recipient, message, options, lastInbound(recipient), config.clock().instant()),
        options);
  }

  public CompletableFuture<SendReceipt> send(Recipient recipient, Message message, SendOptions options) {
    workers.awaitRoom();
    CancellableFuture<SendReceipt> future = new CancellableFuture<>();
    try {
      GraphEndpoints.Sender sender = sender(recipient);
      Delivery delivery = policy.decide(recipient, message, options, lastInbound(recipient), config.clock().instant());
      List<String> parts = render(recipient, delivery, options);
      boolean heavy = recipient.channel() == Channel.MESSENGER && delivery.message() instanceof Media media
          && (media.type() == MediaType.AUDIO || media.type() == MediaType.VIDEO);
      String what = delivery.tag() == null ? kind(delivery.message()) : kind(delivery.message()) + " (" + delivery.tag() + ")";
      new Transmission(this, sender, recipient, parts, heavy, true, what, future).start();
    } catch (ParleyException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  public CompletableFuture<SendReceipt> sendRaw(Recipient recipient, String requestBodyJson) {
    workers.awaitRoom();
    CancellableFuture<SendReceipt> future = new CancellableFuture<>();
    try {
      GraphEndpoints.Sender sender = sender(recipient);
      JsonObject body;
      try {
        body = JsonParser.parseString(requestBodyJson).getAsJsonObject();
      } catch (JsonParseException | IllegalStateException e) {
        throw new InvalidRequestException("raw request body " + Limits.quote(requestBodyJson) + " is not a JSON object", e);
      }
      new Transmission(this, sender, recipient, List.of(body.toString()), false, true, "a raw request", future).start();
    } catch (ParleyException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  public CompletableFuture<Void> senderAction(Recipient recipient, SenderAction action) {
    workers.awaitRoom();
    CancellableFuture<Void> result = new CancellableFuture<>();
    try {
      GraphEndpoints.Sender sender = sender(recipient);
      JsonObject body = (recipient.channel() == Channel.MESSENGER ? messenger : whatsApp).senderAction(recipient, action);
      if (body == null) {
        result.complete(null);
        return result;
      }
      CancellableFuture<SendReceipt> sent = new CancellableFuture<>();
      result.onCancel(() -> sent.cancel(true));
      sent.whenComplete((receipt, error) -> {
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(null);
        }
      });
      String what = "sender action " + action.kind().name().toLowerCase(Locale.ROOT);
      new Transmission(this, sender, recipient, List.of(body.toString()), false, false, what, sent).start();
    } catch (ParleyException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /**
   * Posts {@code body} to {@code /{version}/me/{edge}} as the Messenger page of {@code conversation}
   * (the Handover Protocol's calls), once, without retries or rate limits, and waits for the answer:
   * the page's token in the {@code Authorization} header, {@code appsecret_proof} when the app secret
   * is configured, failures mapped by the same Graph error tables as sends.
   */
  public void postAsPage(Recipient conversation, String edge, JsonObject body) {
    GraphEndpoints.Sender page = sender(conversation);
    String token = page.account().token();
    String context = edge + " for " + conversation.key() + " failed";
    try (Response response = client.newCall(endpoints.edge(page, edge, body)).execute()) {
      String answer = response.body().string();
      if (!response.isSuccessful()) {
        throw GraphErrors.classify(response.code(), answer, Duration.ZERO, context, token).error();
      }
    } catch (IOException e) {
      throw new ConnectionException(context + ": no answer (" + GraphErrors.redact(String.valueOf(e.getMessage()), token) + ")", e);
    }
  }

  /**
   * The request bodies of {@code delivery}, as JSON text: every send is submitted at once and may wait
   * in the workers' line, where a string costs a fraction of the tree's retained size (and so of the
   * young collections' copying).
   */
  private List<String> render(Recipient recipient, Delivery delivery, SendOptions options) {
    if (delivery.message() instanceof Text text) {
      return List.of(recipient.channel() == Channel.MESSENGER
          ? messenger.textBody(recipient, delivery, options, text)
          : whatsApp.textBody(recipient, options, text));
    }
    List<JsonObject> bodies = (recipient.channel() == Channel.MESSENGER ? messenger : whatsApp).render(recipient, delivery, options);
    if (bodies.size() == 1) {
      return List.of(bodies.get(0).toString());
    }
    List<String> texts = new ArrayList<>(bodies.size());
    for (JsonObject body : bodies) {
      texts.add(body.toString());
    }
    return List.copyOf(texts);
  }

  SendConfig config() {
    return config;
  }

  OkHttpClient client() {
    return client;
  }

  SendWorkers workers() {
    return workers;
  }

  GraphEndpoints endpoints() {
    return endpoints;
  }

  SendRateLimits rateLimits() {
    return rateLimits;
  }

  DelayScheduler scheduler() {
    return scheduler;
  }

  Clock clock() {
    return config.clock();
  }

  private GraphEndpoints.Sender sender(Recipient recipient) {
    GraphEndpoints.Sender sender = endpoints.sender(recipient);
    if (sender == null) {
      String setter = recipient.channel() == Channel.MESSENGER ? "messengerPage" : "whatsAppNumber";
      throw new InvalidRequestException("no " + recipient.channel() + " account " + Limits.quote(recipient.businessId())
          + " is configured; add it with Parley.builder()." + setter + "(id, token)");
    }
    return sender;
  }

  private Optional<Instant> lastInbound(Recipient recipient) {
    try {
      return config.lastInboundTimes().lastInbound(recipient);
    } catch (ParleyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ParleyException("could not read the last inbound time of " + recipient.key() + ": " + e, e);
    }
  }

  private static String kind(Message message) {
    return message.getClass().getSimpleName();
  }

  private static DelayScheduler scheduler(SendConfig config) {
    return config.scheduler() != null ? config.scheduler() : defaultScheduler();
  }

  private static DelayScheduler defaultScheduler() {
    ScheduledThreadPoolExecutor executor = defaultScheduler;
    if (executor == null) {
      synchronized (SendEngine.class) {
        executor = defaultScheduler;
        if (executor == null) {
          executor = new ScheduledThreadPoolExecutor(1, runnable -> new SendWorkers.SendThread(runnable, "parley-scheduler"));
          executor.setRemoveOnCancelPolicy(true);
          defaultScheduler = executor;
        }
      }
    }
    ScheduledThreadPoolExecutor shared = executor;
    return (delay, task) -> shared.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "SendEngine{" + config + "}";
  }
}

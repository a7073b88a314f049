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
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The send path behind {@code Parley}: messaging policy, rendering, rate limits, HTTP and retries.
 * One OkHttp client (connection pool and dispatcher) serves every engine derived from the first.
 *
 * <p>Public for wiring only. Thread-safe.
 */
public final class SendEngine {
  private static final okhttp3.MediaType JSON = okhttp3.MediaType.get("application/json; charset=utf-8");
  private static volatile ScheduledThreadPoolExecutor defaultScheduler;

  private final SendConfig config;
  private final OkHttpClient client;
  private final SendRateLimits rateLimits;
  private final DelayScheduler scheduler;
  private final MessagingPolicy policy;
  private final MessengerRenderer messenger;
  private final WhatsAppRenderer whatsApp;

  private SendEngine(SendConfig config, OkHttpClient client, SendRateLimits rateLimits) {
    this.config = config;
    this.client = client;
    this.rateLimits = rateLimits;
    this.scheduler = config.scheduler() != null ? config.scheduler() : defaultScheduler();
    this.policy = new MessagingPolicy(config.utilityTemplates());
    FallbackText fallback = new FallbackText(config.locale());
    this.messenger = new MessengerRenderer(fallback);
    this.whatsApp = new WhatsAppRenderer(fallback);
  }

  public static SendEngine create(SendConfig config) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(config.maxConcurrentRequests());
    dispatcher.setMaxRequestsPerHost(config.maxConcurrentRequests());
    OkHttpClient client = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(Math.min(32, config.maxConcurrentRequests()), 5, TimeUnit.MINUTES))
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.callTimeout())
        .writeTimeout(config.callTimeout())
        .callTimeout(config.callTimeout())
        .build();
    return new SendEngine(config, client, new SendRateLimits(config.rateLimits()));
  }

  /**
   * An engine for another configuration sharing this one's connection pool, its dispatcher (unless
   * the concurrency limit changed) and its rate-limit state (unless the limits changed).
   */
  public SendEngine derive(SendConfig derived) {
    OkHttpClient.Builder builder = client.newBuilder()
        .connectTimeout(derived.connectTimeout())
        .readTimeout(derived.callTimeout())
        .writeTimeout(derived.callTimeout())
        .callTimeout(derived.callTimeout());
    if (derived.maxConcurrentRequests() != config.maxConcurrentRequests()) {
      Dispatcher dispatcher = new Dispatcher(client.dispatcher().executorService());
      dispatcher.setMaxRequests(derived.maxConcurrentRequests());
      dispatcher.setMaxRequestsPerHost(derived.maxConcurrentRequests());
      builder.dispatcher(dispatcher);
    }
    SendRateLimits limits = derived.rateLimits() == config.rateLimits() ? rateLimits : new SendRateLimits(derived.rateLimits());
    return new SendEngine(derived, builder.build(), limits);
  }

  /**
   * What {@link #send} checks before any HTTP request (the account, the messaging policy now, the
   * rendering), without sending; throws what the send would fail with.
   */
  public void check(Recipient recipient, Message message, SendOptions options) {
    account(recipient);
    render(recipient, policy.decide(recipient, message, options, lastInbound(recipient), config.clock().instant()),
        options);
  }

  public CompletableFuture<SendReceipt> send(Recipient recipient, Message message, SendOptions options) {
    CancellableFuture<SendReceipt> future = new CancellableFuture<>();
    try {
      Account account = account(recipient);
      Delivery delivery = policy.decide(recipient, message, options, lastInbound(recipient), config.clock().instant());
      List<JsonObject> parts = render(recipient, delivery, options);
      boolean heavy = recipient.channel() == Channel.MESSENGER && delivery.message() instanceof Media media
          && (media.type() == MediaType.AUDIO || media.type() == MediaType.VIDEO);
      String what = kind(delivery.message()) + (delivery.tag() == null ? "" : " (" + delivery.tag() + ")");
      new Transmission(this, account, recipient, parts, heavy, true, what, future).start();
    } catch (ParleyException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  public CompletableFuture<SendReceipt> sendRaw(Recipient recipient, String requestBodyJson) {
    CancellableFuture<SendReceipt> future = new CancellableFuture<>();
    try {
      Account account = account(recipient);
      JsonObject body;
      try {
        body = JsonParser.parseString(requestBodyJson).getAsJsonObject();
      } catch (JsonParseException | IllegalStateException e) {
        throw new InvalidRequestException("raw request body " + Limits.quote(requestBodyJson) + " is not a JSON object", e);
      }
      new Transmission(this, account, recipient, List.of(body), false, true, "a raw request", future).start();
    } catch (ParleyException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  public CompletableFuture<Void> senderAction(Recipient recipient, SenderAction action) {
    CancellableFuture<Void> result = new CancellableFuture<>();
    try {
      Account account = account(recipient);
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
      new Transmission(this, account, recipient, List.of(body), false, false, what, sent).start();
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
    Account page = account(conversation);
    String context = edge + " for " + conversation.key() + " failed";
    HttpUrl.Builder url = HttpUrl.get(config.graphApiBase()).newBuilder().addPathSegment(config.graphVersion())
        .addPathSegment("me").addPathSegment(edge);
    if (page.appSecretProof() != null) {
      url.addQueryParameter("appsecret_proof", page.appSecretProof());
    }
    Request request = new Request.Builder().url(url.build())
        .header("Authorization", "Bearer " + page.token())
        .post(RequestBody.create(body.toString(), JSON))
        .build();
    try (Response response = client.newCall(request).execute()) {
      String answer = response.body().string();
      if (!response.isSuccessful()) {
        throw GraphErrors.classify(response.code(), answer, Duration.ZERO, context, page.token()).error();
      }
    } catch (IOException e) {
      throw new ConnectionException(context + ": no answer (" + GraphErrors.redact(String.valueOf(e.getMessage()),
          page.token()) + ")", e);
    }
  }

  private List<JsonObject> render(Recipient recipient, Delivery delivery, SendOptions options) {
    return (recipient.channel() == Channel.MESSENGER ? messenger : whatsApp).render(recipient, delivery, options);
  }

  SendConfig config() {
    return config;
  }

  OkHttpClient client() {
    return client;
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

  private Account account(Recipient recipient) {
    Account account = config.accounts().get(Account.key(recipient.channel(), recipient.businessId()));
    if (account == null) {
      String setter = recipient.channel() == Channel.MESSENGER ? "messengerPage" : "whatsAppNumber";
      throw new InvalidRequestException("no " + recipient.channel() + " account " + Limits.quote(recipient.businessId())
          + " is configured; add it with Parley.builder()." + setter + "(id, token)");
    }
    return account;
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

  private static DelayScheduler defaultScheduler() {
    ScheduledThreadPoolExecutor executor = defaultScheduler;
    if (executor == null) {
      synchronized (SendEngine.class) {
        executor = defaultScheduler;
        if (executor == null) {
          executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "parley-scheduler");
            thread.setDaemon(true);
            return thread;
          });
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

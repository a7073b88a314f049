package dev.parley.examples.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The baseline: what a careful hand-written OkHttp + Gson loop does for the same sends at the same
 * concurrency: the request body built with Gson, one URL per page made once, the answer parsed for
 * its message id. No validation, no policy, no rate limit, no retry: the limit of this stack on this
 * machine. Two ways to keep {@code concurrency} calls in flight: asynchronous (every call enqueued at
 * once on a dispatcher allowing that many, as Parley does) or blocking ({@code concurrency} threads
 * each executing the next call, as messenger4j's users do).
 */
final class OkHttpContender implements Contender {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final HttpUrl[] pageUrls;
  private final String[] authorizations;
  private final ExecutorService threads;
  private final int concurrency;

  OkHttpContender(String baseUrl, int pages, int concurrency, boolean blocking) {
    this.concurrency = concurrency;
    this.threads = blocking ? Executors.newFixedThreadPool(concurrency, runnable -> {
      Thread thread = new Thread(runnable, "bench-okhttp-blocking");
      thread.setDaemon(true);
      return thread;
    }) : null;
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(concurrency);
    dispatcher.setMaxRequestsPerHost(concurrency);
    this.client = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(10))
        .callTimeout(Duration.ofSeconds(30))
        .build();
    this.pageUrls = new HttpUrl[pages];
    this.authorizations = new String[pages];
    for (int page = 0; page < pages; page++) {
      pageUrls[page] = HttpUrl.get(baseUrl + "/v25.0/" + SendPlan.pageId(page) + "/messages");
      authorizations[page] = "Bearer " + SendPlan.pageToken(page);
    }
  }

  @Override
  public SendTally send(SendPlan plan) throws InterruptedException {
    return threads == null ? sendAsync(plan) : sendBlocking(plan);
  }

  private SendTally sendBlocking(SendPlan plan) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong delivered = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      threads.execute(() -> {
        try {
          for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
            try (Response response = client.newCall(request(plan.sends().get(i))).execute()) {
              (accepted(response) ? delivered : failed).incrementAndGet();
            } catch (IOException | RuntimeException e) {
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

  private SendTally sendAsync(SendPlan plan) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(plan.size());
    AtomicLong delivered = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Callback callback = new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          (accepted(response) ? delivered : failed).incrementAndGet();
        } catch (IOException | RuntimeException e) {
          failed.incrementAndGet();
        } finally {
          done.countDown();
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        failed.incrementAndGet();
        done.countDown();
      }
    };
    long start = System.nanoTime();
    for (SendPlan.Send send : plan.sends()) {
      client.newCall(request(send)).enqueue(callback);
    }
    done.await();
    return new SendTally(delivered.get(), failed.get(), System.nanoTime() - start);
  }

  private static boolean accepted(Response response) throws IOException {
    String body = response.body().string();
    return response.isSuccessful() && JsonParser.parseString(body).getAsJsonObject().has("message_id");
  }

  private Request request(SendPlan.Send send) {
    JsonObject recipient = new JsonObject();
    recipient.addProperty("id", send.psid());
    JsonObject message = new JsonObject();
    message.addProperty("text", send.text());
    JsonObject body = new JsonObject();
    body.add("recipient", recipient);
    body.addProperty("messaging_type", "RESPONSE");
    body.add("message", message);
    return new Request.Builder()
        .url(pageUrls[send.page()])
        .header("Authorization", authorizations[send.page()])
        .post(RequestBody.create(body.toString(), JSON))
        .build();
  }

  @Override
  public void close() {
    if (threads != null) {
      threads.shutdownNow();
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}

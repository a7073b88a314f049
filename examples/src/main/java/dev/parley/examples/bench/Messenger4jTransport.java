package dev.parley.examples.bench;

import com.github.messenger4j.spi.MessengerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * messenger4j's HTTP client SPI over OkHttp 5, pointed at the loopback endpoint: messenger4j 1.1.0
 * hard-codes {@code https://graph.facebook.com/v3.2/...} (page token in the query string), so the
 * Graph host is swapped for the endpoint's base and the rest of the URL kept. Its own default client
 * needs OkHttp 3.14, whose classes clash with OkHttp 5; this one does what that one does (a blocking
 * call, status and body back) on the same OkHttp as the other contenders. Thread-safe.
 */
final class Messenger4jTransport implements MessengerHttpClient {
  private static final String GRAPH = "https://graph.facebook.com";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String baseUrl;
  private final OkHttpClient client;

  Messenger4jTransport(String baseUrl, int connections) {
    this.baseUrl = baseUrl;
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(connections);
    dispatcher.setMaxRequestsPerHost(connections);
    this.client = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(connections, 5, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(10))
        .callTimeout(Duration.ofSeconds(30))
        .build();
  }

  @Override
  public HttpResponse execute(HttpMethod method, String url, String jsonBody) throws IOException {
    String local = url.startsWith(GRAPH) ? baseUrl + url.substring(GRAPH.length()) : url;
    RequestBody body = method == HttpMethod.GET ? null : RequestBody.create(jsonBody, JSON);
    Request request = new Request.Builder().url(local).method(method.name(), body).build();
    try (Response response = client.newCall(request).execute()) {
      return new HttpResponse(response.code(), response.body().string());
    }
  }

  void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}

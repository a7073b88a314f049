package dev.parley.core.internal.send;

import dev.parley.core.Channel;
import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads from the Graph API as a Messenger page (the User Profile API): {@code GET
 * /{version}/{path}} with the page token in the {@code Authorization} header, {@code
 * appsecret_proof} when the client has an app secret, and failures mapped by the send path's
 * {@link GraphErrors} tables. Built by {@code Parley} from its pages, app secret, Graph base,
 * version and timeouts.
 *
 * <p>It has its own HTTP client: the send engine's is not reachable from outside it yet.
 * Public for wiring only. Immutable and thread-safe.
 */
public final class GraphPageReader {
  private final Map<String, Account> pages;
  private final HttpUrl graphApiBase;
  private final String graphVersion;
  private final OkHttpClient client;

  /** {@code accounts}: Parley's accounts with their proofs; only the Messenger pages are kept. */
  public GraphPageReader(Map<String, Account> accounts, String graphApiBase, String graphVersion,
      Duration connectTimeout, Duration callTimeout) {
    Map<String, Account> messenger = new LinkedHashMap<>();
    accounts.values().stream().filter(a -> a.channel() == Channel.MESSENGER)
        .forEach(a -> messenger.put(a.businessId(), a));
    this.pages = Map.copyOf(messenger);
    this.graphApiBase = HttpUrl.get(graphApiBase);
    this.graphVersion = graphVersion;
    this.client = new OkHttpClient.Builder().connectTimeout(connectTimeout).readTimeout(callTimeout)
        .callTimeout(callTimeout).build();
  }

  /** The page ids this reader can read as. */
  public Set<String> pages() {
    return pages.keySet();
  }

  /**
   * The body of {@code GET /{version}/{pathSegment}?{query}} as page {@code pageId}.
   *
   * @param context what is being read, for the error message ("Messenger profile of … on page …")
   * @throws InvalidRequestException when the page is not configured, or Meta refuses the request
   * @throws dev.parley.core.ParleyException a subclass as for sends when the Graph API answers an error
   * @throws ConnectionException when the Graph API cannot be reached
   */
  public String get(String pageId, String pathSegment, Map<String, String> query, String context) {
    Account page = pages.get(pageId);
    if (page == null) {
      throw new InvalidRequestException(context + ": no page token for Messenger page " + pageId
          + "; pages configured: " + pages.keySet());
    }
    HttpUrl.Builder url = graphApiBase.newBuilder().addPathSegment(graphVersion).addPathSegment(pathSegment);
    query.forEach(url::addQueryParameter);
    if (page.appSecretProof() != null) {
      url.addQueryParameter("appsecret_proof", page.appSecretProof());
    }
    Request request = new Request.Builder().url(url.build()).header("Authorization", "Bearer " + page.token()).get()
        .build();
    try (Response response = client.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw GraphErrors.classify(response.code(), body, Duration.ZERO, context + " failed", page.token()).error();
      }
      return body;
    } catch (IOException e) {
      throw new ConnectionException(context + " failed: no answer ("
          + GraphErrors.redact(String.valueOf(e.getMessage()), page.token()) + ")", e);
    }
  }

  @Override
  public String toString() {
    return "GraphPageReader[" + graphApiBase + graphVersion + ", pages " + pages.keySet() + "]";
  }
}

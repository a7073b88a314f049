package dev.parley.core.internal.send;

import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Reads from the Graph API as a Messenger page (the User Profile API): {@code GET
 * /{version}/{path}} built by the send engine's {@link GraphEndpoints} (page token in the {@code
 * Authorization} header, {@code appsecret_proof} when the client has an app secret), sent on the
 * engine's HTTP client, failures mapped by the send path's {@link GraphErrors} tables.
 *
 * <p>Public for wiring only. Immutable and thread-safe.
 */
public final class GraphPageReader {
  private final GraphEndpoints endpoints;
  private final OkHttpClient client;

  public GraphPageReader(SendEngine engine) {
    this.endpoints = engine.endpoints();
    this.client = engine.client();
  }

  /** The page ids this reader can read as. */
  public Set<String> pages() {
    return endpoints.messengerPages();
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
    GraphEndpoints.Sender page = endpoints.messengerPage(pageId);
    if (page == null) {
      throw new InvalidRequestException(context + ": no page token for Messenger page " + pageId
          + "; pages configured: " + pages());
    }
    String token = page.account().token();
    try (Response response = client.newCall(endpoints.get(page, pathSegment, query)).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw GraphErrors.classify(response.code(), body, Duration.ZERO, context + " failed", token).error();
      }
      return body;
    } catch (IOException e) {
      throw new ConnectionException(context + " failed: no answer ("
          + GraphErrors.redact(String.valueOf(e.getMessage()), token) + ")", e);
    }
  }

  @Override
  public String toString() {
    return "GraphPageReader[pages " + pages() + "]";
  }
}

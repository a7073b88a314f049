package dev.parley.core.conversation;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.AuthenticationException;
import dev.parley.core.Channel;
import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.ParleyException.PlatformError;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.Recipient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a Messenger customer's name and picture from the User Profile API, once, and keeps them in
 * the conversation store: Messenger webhooks carry only a page-scoped id, unlike WhatsApp, which
 * sends the contact's name with every message.
 *
 * <pre>{@code
 * MessengerProfileFetcher profiles = MessengerProfileFetcher.builder()
 *     .pageToken(pageId, System.getenv("PARLEY_MESSENGER_PAGE_TOKEN"))
 *     .build();
 * Customer customer = profiles.ensureProfile(store, Recipient.messenger(pageId, psid));
 * }</pre>
 *
 * <p>The request is {@code GET /{version}/{PSID}?fields=first_name,last_name,profile_pic} with the
 * page access token in the {@code Authorization} header, never in the URL. Meta only answers for
 * customers who wrote to the page, and the picture URL expires after a while. Thread-safe; tokens
 * never appear in logs, exception messages or {@link #toString()}.
 */
public final class MessengerProfileFetcher {
  private static final Logger log = LoggerFactory.getLogger(MessengerProfileFetcher.class);
  private static final String FIELDS = "first_name,last_name,profile_pic";

  private final HttpUrl graphApiBase;
  private final String graphVersion;
  private final Map<String, String> pageTokens;
  private final Clock clock;
  private final OkHttpClient client;

  private MessengerProfileFetcher(Builder builder) {
    this.graphApiBase = builder.graphApiBase;
    this.graphVersion = builder.graphVersion;
    this.pageTokens = Map.copyOf(builder.pageTokens);
    this.clock = builder.clock;
    this.client = new OkHttpClient.Builder().callTimeout(builder.callTimeout).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The customer behind {@code identity}, with their Messenger profile fetched if it never was. A
   * WhatsApp identity, or a customer whose profile was fetched before, costs no request. When Meta
   * refuses for good (the customer cannot be looked up), the attempt is recorded so it is not
   * repeated; when the platform or the network is down, it is tried again next time.
   */
  public Customer ensureProfile(ConversationStore store, Recipient identity) {
    Customer customer = store.customer(identity);
    if (customer.profileFetched() || identity.channel() != Channel.MESSENGER) {
      return customer;
    }
    try {
      return store.recordProfileFetch(customer.id(), fetch(identity), clock.instant());
    } catch (InvalidRequestException e) {
      log.info("Messenger profile of {} is not available, not asking again: {}", identity.key(), e.getMessage());
      return store.recordProfileFetch(customer.id(), Profile.EMPTY, clock.instant());
    } catch (ParleyException e) {
      log.warn("Messenger profile of {} could not be fetched now: {}", identity.key(), e.getMessage());
      return customer;
    }
  }

  /**
   * Fetches the profile of a Messenger customer.
   *
   * @throws InvalidRequestException when Meta refuses to look the customer up
   * @throws AuthenticationException when the page token is refused
   * @throws PlatformUnavailableException when the Graph API fails
   * @throws ConnectionException when it cannot be reached
   */
  public Profile fetch(Recipient messengerCustomer) {
    if (messengerCustomer.channel() != Channel.MESSENGER) {
      throw new InvalidRequestException("the User Profile API is Messenger's; " + messengerCustomer.key()
          + " is on " + messengerCustomer.channel());
    }
    String token = pageTokens.get(messengerCustomer.businessId());
    if (token == null) {
      throw new InvalidRequestException("no page token for Messenger page " + messengerCustomer.businessId()
          + "; pages configured: " + pageTokens.keySet());
    }
    HttpUrl url = graphApiBase.newBuilder().addPathSegment(graphVersion).addPathSegment(messengerCustomer.userId())
        .addQueryParameter("fields", FIELDS).build();
    Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token).get().build();
    String what = "Messenger profile of " + messengerCustomer.userId() + " on page " + messengerCustomer.businessId();
    try (Response response = client.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw failure(what, response.code(), body, token);
      }
      return parse(what, body);
    } catch (IOException e) {
      throw new ConnectionException(what + " could not be fetched: " + redact(String.valueOf(e.getMessage()), token), e);
    }
  }

  /** Meta echoes request details in some error texts: never let the page token through. */
  private static String redact(String text, String token) {
    return text == null ? null : text.replace(token, "[redacted]");
  }

  private static Profile parse(String what, String body) {
    try {
      JsonObject json = JsonParser.parseString(body).getAsJsonObject();
      String first = text(json, "first_name");
      String last = text(json, "last_name");
      String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
      return new Profile(name, text(json, "profile_pic"), null, null);
    } catch (JsonParseException | IllegalStateException e) {
      throw new PlatformUnavailableException(what + ": the Graph API answered with something that is not a profile", e);
    }
  }

  private static ParleyException failure(String what, int status, String body, String token) {
    Integer code = null;
    Integer subcode = null;
    String traceId = null;
    String message = "HTTP " + status;
    try {
      JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
      if (error != null) {
        code = error.has("code") ? error.get("code").getAsInt() : null;
        subcode = error.has("error_subcode") ? error.get("error_subcode").getAsInt() : null;
        traceId = text(error, "fbtrace_id");
        message = message + ": " + redact(text(error, "message"), token);
      }
    } catch (RuntimeException notJson) {
      // Keep the status alone; a proxy's HTML page says nothing useful.
    }
    String text = what + " failed: " + message;
    boolean transientError = status >= 500 || status == 429;
    PlatformError error = new PlatformError(status, code, subcode, traceId, transientError);
    if (status == 401 || Integer.valueOf(190).equals(code)) {
      return new AuthenticationException(text, error, null);
    }
    return transientError ? new PlatformUnavailableException(text, error, null) : new InvalidRequestException(text, error, null);
  }

  private static String text(JsonObject json, String field) {
    JsonElement value = json.get(field);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  @Override
  public String toString() {
    return "MessengerProfileFetcher[" + graphApiBase + " " + graphVersion + ", pages " + pageTokens.keySet() + "]";
  }

  /** Settings of a fetcher. Not thread-safe; build once. */
  public static final class Builder {
    private HttpUrl graphApiBase = HttpUrl.get(Parley.DEFAULT_GRAPH_API_BASE);
    private String graphVersion = Parley.DEFAULT_GRAPH_VERSION;
    private final Map<String, String> pageTokens = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration callTimeout = Duration.ofSeconds(10);

    private Builder() {}

    /** A Messenger page and its page access token; call once per page. */
    public Builder pageToken(String pageId, String pageAccessToken) {
      Recipient.messenger(pageId, "check");
      if (pageAccessToken == null || pageAccessToken.isBlank()) {
        throw new IllegalArgumentException("page access token of page " + pageId + " must not be blank");
      }
      pageTokens.put(pageId, pageAccessToken);
      return this;
    }

    /** The Graph API base URL, {@value Parley#DEFAULT_GRAPH_API_BASE} by default; a local server in tests. */
    public Builder graphApiBase(String baseUrl) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (parsed == null) {
        throw new IllegalArgumentException("graphApiBase '" + baseUrl + "' is not an http(s) URL");
      }
      this.graphApiBase = parsed;
      return this;
    }

    /** The Graph API version, {@value Parley#DEFAULT_GRAPH_VERSION} by default. */
    public Builder graphVersion(String version) {
      if (version == null || !version.matches("v\\d+\\.\\d+")) {
        throw new IllegalArgumentException("graphVersion must look like v25.0, got '" + version + "'");
      }
      this.graphVersion = version;
      return this;
    }

    /** The clock stamping when a profile was fetched; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The limit of one request, 10 s by default. */
    public Builder callTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("callTimeout must be positive, got " + timeout);
      }
      this.callTimeout = timeout;
      return this;
    }

    public MessengerProfileFetcher build() {
      if (pageTokens.isEmpty()) {
        throw new IllegalStateException("a profile fetcher needs at least one page token");
      }
      return new MessengerProfileFetcher(this);
    }
  }
}
